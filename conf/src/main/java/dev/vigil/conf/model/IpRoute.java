package dev.vigil.conf.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of {@code virtual_routes} or {@code static_routes}, in {@code ip route} syntax:
 * {@code [TYPE] [src ADDR] [to] PREFIX [via|gw ADDR] [or ADDR] [dev IF] [scope S] [table T]
 * [metric N] [protocol P] [no_track] ...}. Options Vigil does not interpret (mtu, realms,
 * encap, ...) are kept verbatim in {@code otherOptions}, keyed by option name.
 *
 * @param type {@code unicast} unless one of {@code blackhole}, {@code unreachable},
 *     {@code prohibit}, {@code throw} ... led the line
 * @param alternateGateways the {@code or ADDR} gateways (keepalived's multipath shorthand)
 */
public record IpRoute(
        String type,
        IpPrefix destination,
        Optional<IpAddress> source,
        Optional<IpAddress> via,
        List<IpAddress> alternateGateways,
        Optional<String> device,
        Optional<String> scope,
        Optional<String> table,
        Optional<Long> metric,
        Optional<String> protocol,
        boolean onlink,
        boolean noTrack,
        Map<String, String> otherOptions) {

    public IpRoute {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(destination, "destination");
        alternateGateways = List.copyOf(alternateGateways);
        otherOptions = Map.copyOf(otherOptions);
    }
}
