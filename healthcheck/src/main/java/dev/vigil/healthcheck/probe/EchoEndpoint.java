package dev.vigil.healthcheck.probe;

import dev.vigil.common.text.InetText;
import dev.vigil.healthcheck.CheckResult;
import dev.vigil.linux.NativeException;
import dev.vigil.linux.packet.IcmpEcho;
import dev.vigil.linux.socket.IcmpSocket;
import dev.vigil.linux.socket.ReceivedIcmp;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * One ICMP socket shared by every PING_CHECK with the same {@link IcmpSocket.Binding}: requests
 * are sent from the checkers' threads, one receiver thread reads the replies and hands each
 * to the attempt its sequence number belongs to ({@link EchoTable}); each attempt's timeout
 * runs on the timer it was started with.
 *
 * <p>Lifecycle: opened by {@link EchoEndpoints}; {@link #close()} (or a receive error) closes
 * the socket, ends the receiver and fails every attempt in flight, after which
 * {@link #isOpen()} is false and new attempts fail at once.
 */
final class EchoEndpoint implements AutoCloseable {

    /** keepalived's ICMP_BUFSIZE: 128 bytes of echo data (check_ping.c). */
    static final int PAYLOAD_BYTES = 128;

    private final IcmpSocket socket;
    private final byte[] payload = payload();
    private final EchoTable<Attempt> table;
    private final Map<EchoTable.Ignored, LongAdder> ignored = new EnumMap<>(EchoTable.Ignored.class);
    private final Thread receiver;

    private EchoEndpoint(IcmpSocket socket) {
        this.socket = socket;
        this.table = new EchoTable<>(socket.isIpv6(), socket.identifier(), payload,
                ThreadLocalRandom.current().nextInt(EchoTable.CAPACITY));
        for (EchoTable.Ignored reason : EchoTable.Ignored.values()) {
            ignored.put(reason, new LongAdder());
        }
        // Started from the opening thread, so it shares that thread's network namespace.
        this.receiver = Thread.ofPlatform().daemon().name("vigil-" + (socket.isIpv6() ? "icmp6" : "icmp") + "-"
                + socket.identifier()).unstarted(this::receiveLoop);
    }

    /** Opens the socket (ping socket, else raw) in the calling thread's namespace and starts the receiver. */
    static EchoEndpoint open(IcmpSocket.Binding binding) throws NativeException {
        EchoEndpoint endpoint = new EchoEndpoint(IcmpSocket.open(binding));
        endpoint.receiver.start();
        return endpoint;
    }

    /** keepalived's echo data: "keepalived check - " repeated, as its {@code set_buf()} fills it. */
    static byte[] payload() {
        byte[] text = "keepalived check - ".getBytes(StandardCharsets.US_ASCII);
        byte[] data = new byte[PAYLOAD_BYTES];
        for (int i = 0; i < data.length; i++) {
            data[i] = text[i % text.length];
        }
        return data;
    }

    /** The socket's kind, for diagnostics. */
    IcmpSocket.Kind kind() {
        return socket.kind();
    }

    boolean isOpen() {
        return socket.isOpen();
    }

    /** Messages the receiver read that answered nothing in flight, by reason. */
    long ignored(EchoTable.Ignored reason) {
        return ignored.get(reason).sum();
    }

    /** Requests in flight. */
    int inFlight() {
        return table.size();
    }

    /**
     * Sends one echo request to {@code target}; the future completes with success on the
     * matching reply, {@link CheckResult.TimedOut} after {@code timeout}, or a failure when
     * the request cannot be sent. Cancelling it forgets the request.
     */
    CompletableFuture<CheckResult> echo(InetAddress target, Duration timeout, ScheduledExecutorService timer) {
        Attempt attempt = new Attempt(target);
        if (!socket.isOpen()) {
            attempt.result.complete(CheckResult.failure(socket + " is closed"));
            return attempt.result;
        }
        OptionalInt sequence = table.register(target, attempt);
        if (sequence.isEmpty()) {
            attempt.result.complete(CheckResult.failure(EchoTable.CAPACITY + " echo requests in flight on " + socket));
            return attempt.result;
        }
        int seq = sequence.getAsInt();
        attempt.timeout = timer.schedule(() -> attempt.result.complete(new CheckResult.TimedOut("echo reply", timeout)),
                timeout.toNanos(), TimeUnit.NANOSECONDS);
        attempt.result.whenComplete((value, error) -> {
            table.remove(seq, attempt);
            attempt.timeout.cancel(false);
        });
        byte[] request = IcmpEcho.request(socket.isIpv6(), socket.identifier(), seq, payload).encode();
        attempt.sentNanos = System.nanoTime();
        try {
            socket.send(target, request);
        } catch (NativeException e) {
            attempt.result.complete(CheckResult.failure("ICMP echo: " + e.getMessage()));
        }
        return attempt.result;
    }

    private void receiveLoop() {
        while (socket.isOpen()) {
            Optional<ReceivedIcmp> message;
            try {
                message = socket.receive(null);
            } catch (NativeException e) {
                fail("ICMP receive failed: " + e.getMessage());
                return;
            }
            message.ifPresent(this::deliver);
        }
        fail(socket + " closed");
    }

    private void deliver(ReceivedIcmp message) {
        switch (table.match(message.source(), message.message())) {
            case EchoTable.Matched<Attempt>(Attempt attempt) -> attempt.result.complete(CheckResult.success(
                    String.format(Locale.ROOT, "echo reply from %s in %.3f ms", InetText.format(attempt.target),
                            (System.nanoTime() - attempt.sentNanos) / 1e6)));
            case EchoTable.NoMatch<Attempt>(EchoTable.Ignored reason) -> ignored.get(reason).increment();
        }
    }

    private void fail(String reason) {
        socket.close();
        for (Attempt attempt : table.drain()) {
            attempt.result.complete(CheckResult.failure(reason));
        }
    }

    /** Closes the socket; the receiver ends and attempts in flight fail. Idempotent. */
    @Override
    public void close() {
        socket.close();
    }

    /** One request in flight. */
    private static final class Attempt {
        final InetAddress target;
        final CompletableFuture<CheckResult> result = new CompletableFuture<>();
        /** Written before the request is sent, read on the receiver thread after the reply. */
        volatile long sentNanos;
        /** Written before the request is sent (and so before any completion can read it). */
        volatile ScheduledFuture<?> timeout;

        Attempt(InetAddress target) {
            this.target = target;
        }
    }
}
