package dev.vigil.healthcheck.probe;

import dev.vigil.healthcheck.CheckResult;
import dev.vigil.healthcheck.ConnectOptions;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * PING_CHECK: one ICMP (IPv4) or ICMPv6 echo request to the target address; the matching echo
 * reply within the connect timeout is success, its absence {@link CheckResult.TimedOut}, a
 * request the kernel refuses to send (no route, blackhole, prohibit) a failure (check_ping.c).
 *
 * <p>All PING_CHECKs share the transport's ICMP sockets ({@link EchoEndpoints}): keepalived
 * opens a socket per attempt; one socket per family, with replies told apart by sequence
 * number, keeps thousands of checks cheap. As with keepalived, an unprivileged ping socket
 * is used when {@code net.ipv4.ping_group_range} allows it; otherwise a raw socket, which
 * needs CAP_NET_RAW (keepalived instead widens the range itself at start-up).
 */
public final class PingProbe implements Probe {

    private final CheckTransport transport;
    private final ConnectOptions connect;

    public PingProbe(CheckTransport transport, ConnectOptions connect) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.connect = Objects.requireNonNull(connect, "connect");
    }

    @Override
    public CompletableFuture<CheckResult> attempt() {
        return transport.echoes().echo(connect, transport.group().next());
    }
}
