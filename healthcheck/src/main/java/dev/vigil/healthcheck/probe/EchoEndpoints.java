package dev.vigil.healthcheck.probe;

import dev.vigil.healthcheck.CheckResult;
import dev.vigil.healthcheck.ConnectOptions;
import dev.vigil.linux.NativeException;
import dev.vigil.linux.socket.IcmpSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The ICMP endpoints of all PING_CHECKs: one {@link EchoEndpoint} per distinct
 * {@link IcmpSocket.Binding} (address family, bindto address, bind_if, fwmark), so in the
 * usual configuration every real server is pinged through one socket per family.
 *
 * <p>Endpoints open on the first attempt that needs them, in the network namespace of the
 * thread making it, and are reopened after a receive error. When a socket cannot be opened
 * (no ping-socket permission and no CAP_NET_RAW) the attempt fails with that error, and for
 * {@link #RETRY_OPEN_NANOS} further attempts fail with the same message without retrying.
 *
 * <p>Thread-safe. {@link #close()} closes every endpoint; attempts after it fail.
 */
final class EchoEndpoints implements AutoCloseable {

    /** How long a failure to open a socket is remembered before the next try. */
    static final long RETRY_OPEN_NANOS = 1_000_000_000L;

    /** Guarded by this. */
    private final Map<IcmpSocket.Binding, EchoEndpoint> endpoints = new HashMap<>();
    /** Guarded by this. */
    private final Map<IcmpSocket.Binding, OpenFailure> failures = new HashMap<>();
    /** Guarded by this. */
    private boolean closed;

    private record OpenFailure(long atNanos, String message) {
    }

    /** An endpoint to use, or why there is none. */
    private sealed interface Lookup {
    }

    private record Ready(EchoEndpoint endpoint) implements Lookup {
    }

    private record Unavailable(String reason) implements Lookup {
    }

    /** One echo to the target of {@code options}, timed out after its connect timeout on {@code timer}. */
    CompletableFuture<CheckResult> echo(ConnectOptions options, ScheduledExecutorService timer) {
        InetAddress target = options.target().getAddress();
        if (target == null) {
            return CompletableFuture.completedFuture(CheckResult.failure("unresolved target " + options.target()));
        }
        IcmpSocket.Binding binding = bindingOf(options);
        return switch (endpoint(binding)) {
            case Ready(EchoEndpoint endpoint) -> endpoint.echo(target, options.connectTimeout(), timer);
            case Unavailable(String reason) -> CompletableFuture.completedFuture(CheckResult.failure(reason));
        };
    }

    /** The binding a checker's options ask for: the target's family, bindto's address, bind_if, fwmark. */
    static IcmpSocket.Binding bindingOf(ConnectOptions options) {
        boolean ipv6 = options.target().getAddress() instanceof Inet6Address;
        Optional<InetAddress> source = options.bindTo().map(b -> b.getAddress())
                .filter(a -> a != null && !a.isAnyLocalAddress());
        OptionalLong mark = options.fwmark();
        return new IcmpSocket.Binding(ipv6, source, options.bindInterface(), mark);
    }

    /** The open endpoint for {@code binding}, opening it if need be, or why there is none. */
    private synchronized Lookup endpoint(IcmpSocket.Binding binding) {
        if (closed) {
            return new Unavailable("the checker transport is closed");
        }
        EchoEndpoint endpoint = endpoints.get(binding);
        if (endpoint != null && endpoint.isOpen()) {
            return new Ready(endpoint);
        }
        OpenFailure failure = failures.get(binding);
        long now = System.nanoTime();
        if (failure != null && now - failure.atNanos() < RETRY_OPEN_NANOS) {
            return new Unavailable(failure.message());
        }
        try {
            endpoint = EchoEndpoint.open(binding);
            endpoints.put(binding, endpoint);
            failures.remove(binding);
            return new Ready(endpoint);
        } catch (NativeException e) {
            String message = "cannot open an ICMP socket: " + e.getMessage();
            failures.put(binding, new OpenFailure(now, message));
            return new Unavailable(message);
        }
    }

    /** The open endpoints (for tests and diagnostics). */
    synchronized Map<IcmpSocket.Binding, EchoEndpoint> open() {
        return Map.copyOf(endpoints);
    }

    @Override
    public synchronized void close() {
        closed = true;
        endpoints.values().forEach(EchoEndpoint::close);
        endpoints.clear();
    }
}
