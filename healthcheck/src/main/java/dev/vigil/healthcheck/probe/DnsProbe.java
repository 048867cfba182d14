package dev.vigil.healthcheck.probe;

import dev.vigil.healthcheck.CheckResult;
import dev.vigil.healthcheck.ConnectOptions;
import dev.vigil.healthcheck.DnsType;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

/**
 * DNS_CHECK: one UDP query with a random ID; a reply with that ID and QR set decides (RCODE
 * 0 success, anything else failure); other datagrams are ignored; no decisive reply within
 * the connect timeout is {@link CheckResult.TimedOut}.
 */
public final class DnsProbe implements Probe {

    /** IDs are 16 bits (RFC 1035 §4.1.1). */
    private static final int ID_SPACE = 1 << 16;

    private final CheckTransport transport;
    private final ConnectOptions connect;
    private final DnsType type;
    private final String name;
    private final RandomGenerator random;

    public DnsProbe(CheckTransport transport, ConnectOptions connect, DnsType type, String name,
                    RandomGenerator random) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.connect = Objects.requireNonNull(connect, "connect");
        this.type = Objects.requireNonNull(type, "type");
        this.name = Objects.requireNonNull(name, "name");
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public CompletableFuture<CheckResult> attempt() {
        int id;
        synchronized (random) {
            id = random.nextInt(ID_SPACE);
        }
        Optional<byte[]> query = DnsMessage.query(id, type, name);
        if (query.isEmpty()) {
            return CompletableFuture.completedFuture(CheckResult.failure("invalid DNS name '" + name + "'"));
        }
        return DatagramExchange.run(transport, connect, query.get(), new DatagramExchange.Judge() {
            @Override
            public Optional<CheckResult> onReply(byte[] reply) {
                DnsMessage.Reply judged = DnsMessage.judge(reply, id);
                return switch (judged.kind()) {
                    case IGNORED -> Optional.empty();
                    case ANSWER -> Optional.of(CheckResult.success("DNS answer for " + type + " " + name));
                    case ERROR -> Optional.of(CheckResult.failure("DNS rcode " + judged.rcode()));
                };
            }

            @Override
            public CheckResult onSilence() {
                return new CheckResult.TimedOut("DNS reply", connect.connectTimeout());
            }
        });
    }
}
