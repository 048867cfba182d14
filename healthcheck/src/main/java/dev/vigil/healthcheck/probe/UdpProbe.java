package dev.vigil.healthcheck.probe;

import dev.vigil.healthcheck.CheckResult;
import dev.vigil.healthcheck.ConnectOptions;
import dev.vigil.healthcheck.HexPattern;
import dev.vigil.healthcheck.UdpReplyRule;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * UDP_CHECK: send the payload on a connected socket. An ICMP unreachable fails; a reply is
 * judged by the {@link UdpReplyRule}; silence until the connect timeout is success unless a
 * reply is required (keepalived layer4.c {@code udp_socket_state()}).
 */
public final class UdpProbe implements Probe {

    /** keepalived's UDP_BUFSIZE: the default payload length. */
    static final int DEFAULT_PAYLOAD_BYTES = 32;
    private static final byte[] DEFAULT_PAYLOAD = defaultPayload();

    private final CheckTransport transport;
    private final ConnectOptions connect;
    private final byte[] payload;
    private final UdpReplyRule reply;

    public UdpProbe(CheckTransport transport, ConnectOptions connect, Optional<HexPattern> payload, UdpReplyRule reply) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.connect = Objects.requireNonNull(connect, "connect");
        this.payload = payload.map(HexPattern::bytes).orElse(DEFAULT_PAYLOAD);
        this.reply = Objects.requireNonNull(reply, "reply");
    }

    /** "keepalived check - " repeated to 32 bytes, as keepalived's {@code set_buf()} fills it. */
    static byte[] defaultPayload() {
        byte[] text = "keepalived check - ".getBytes(StandardCharsets.US_ASCII);
        byte[] buffer = new byte[DEFAULT_PAYLOAD_BYTES];
        for (int i = 0; i < buffer.length; i++) {
            buffer[i] = text[i % text.length];
        }
        return buffer;
    }

    @Override
    public CompletableFuture<CheckResult> attempt() {
        return DatagramExchange.run(transport, connect, payload, new DatagramExchange.Judge() {
            @Override
            public Optional<CheckResult> onReply(byte[] data) {
                // keepalived reads at most max_reply_length + 1 bytes, so longer replies fail the length test.
                int length = Math.min(data.length, reply.maxLength() + 1);
                return Optional.of(reply.judge(data, length)
                        .<CheckResult>map(CheckResult.Failure::new)
                        .orElseGet(() -> CheckResult.success("UDP reply of " + data.length + " bytes")));
            }

            @Override
            public CheckResult onSilence() {
                return reply.required() ? new CheckResult.TimedOut("UDP reply", connect.connectTimeout())
                        : CheckResult.success("no ICMP error within " + connect.connectTimeout());
            }
        });
    }
}
