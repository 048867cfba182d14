package dev.vigil.conf.model;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code virtual_server} block with keepalived's defaults applied: rr scheduling, NAT, TCP,
 * quorum 1, hysteresis 0, delay_loop 60 s, connect_timeout 5 s.
 *
 * @param family resolved from the address, the real servers or {@code ip_family}
 * @param persistenceTimeout empty when the service is not persistent
 * @param persistenceGranularity an IPv4 netmask or IPv6 prefix length, as written
 * @param proxyProtocol Vigil's {@code proxy_protocol}: the PROXY header the userspace forwarder sends
 */
public record VirtualServer(
        ServiceKey key,
        AddressFamily family,
        Protocol protocol,
        LvsScheduler scheduler,
        List<SchedulerFlag> schedulerFlags,
        Forwarding forwarding,
        Optional<Duration> persistenceTimeout,
        Optional<String> persistenceGranularity,
        Optional<String> persistenceEngine,
        long quorum,
        long hysteresis,
        Optional<NotifyScript> quorumUp,
        Optional<NotifyScript> quorumDown,
        boolean alpha,
        boolean omega,
        boolean inhibitOnFailure,
        Optional<SorryServer> sorryServer,
        Duration delayLoop,
        Duration connectTimeout,
        boolean haSuspend,
        boolean smtpAlert,
        Optional<String> virtualhost,
        Optional<ProxyProtocolVersion> proxyProtocol,
        List<RealServer> realServers) {

    public VirtualServer {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(scheduler, "scheduler");
        schedulerFlags = List.copyOf(schedulerFlags);
        Objects.requireNonNull(forwarding, "forwarding");
        Objects.requireNonNull(delayLoop, "delayLoop");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(proxyProtocol, "proxyProtocol");
        realServers = List.copyOf(realServers);
    }
}
