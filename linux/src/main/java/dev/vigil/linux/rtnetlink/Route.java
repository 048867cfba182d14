package dev.vigil.linux.rtnetlink;

import dev.vigil.common.text.InetText;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A route to add or delete with {@link RtNetlink#addRoute} / {@link RtNetlink#deleteRoute}
 * (the fields of {@code ip route add}).
 *
 * @param type            RTN_* type
 * @param destination     the destination prefix (RTA_DST)
 * @param table           the table id, 1..2^32-1 (254 = main); above 255 it goes in RTA_TABLE
 * @param scope           rtm_scope; empty: universe when adding, "nowhere" (match any) when deleting
 * @param protocol        rtm_protocol (e.g. {@link #PROTOCOL_KEEPALIVED}); 0 = unspecified
 * @param preferredSource RTA_PREFSRC ({@code src} in {@code ip route})
 * @param gateway         RTA_GATEWAY ({@code via}); must be empty when {@code nexthops} is not
 * @param outputInterface RTA_OIF ({@code dev}), or 0 for none
 * @param metric          RTA_PRIORITY ({@code metric})
 * @param onlink          RTNH_F_ONLINK in rtm_flags
 * @param nexthops        RTA_MULTIPATH paths; empty for a single-path route
 */
public record Route(RouteType type, AddressPrefix destination, long table, Optional<Integer> scope, int protocol,
        Optional<InetAddress> preferredSource, Optional<InetAddress> gateway, int outputInterface,
        Optional<Long> metric, boolean onlink, List<RouteNexthop> nexthops) {

    /** RT_TABLE_MAIN. */
    public static final long TABLE_MAIN = 254;
    /** RTPROT_BOOT, what {@code ip route add} sends by default. */
    public static final int PROTOCOL_BOOT = 3;
    /** RTPROT_STATIC. */
    public static final int PROTOCOL_STATIC = 4;
    /** RTPROT_KEEPALIVED (18): keepalived marks its routes and rules with it, and so does Vigil. */
    public static final int PROTOCOL_KEEPALIVED = 18;
    private static final long U32_MAX = 0xffff_ffffL;

    /** Validates ranges and families. */
    public Route {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(preferredSource, "preferredSource");
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(metric, "metric");
        nexthops = List.copyOf(nexthops);
        if (table < 1 || table > U32_MAX) {
            throw new IllegalArgumentException("route table " + table + " outside 1..4294967295");
        }
        if (scope.isPresent() && (scope.get() < 0 || scope.get() > 255)) {
            throw new IllegalArgumentException("route scope " + scope.get() + " outside 0..255");
        }
        if (protocol < 0 || protocol > 255) {
            throw new IllegalArgumentException("route protocol " + protocol + " outside 0..255");
        }
        if (metric.isPresent() && (metric.get() < 0 || metric.get() > U32_MAX)) {
            throw new IllegalArgumentException("route metric " + metric.get() + " outside 0..4294967295");
        }
        if (gateway.isPresent() && !nexthops.isEmpty()) {
            throw new IllegalArgumentException("a route has either a gateway or nexthops, not both");
        }
        boolean v6 = destination.isIpv6();
        for (InetAddress a : addresses(preferredSource, gateway, nexthops)) {
            if ((a instanceof Inet6Address) != v6) {
                throw new IllegalArgumentException("route " + destination + " mixes IPv4 and IPv6 addresses");
            }
        }
    }

    /** A unicast route in the main table, protocol keepalived, no other option. */
    public static Route to(AddressPrefix destination) {
        return new Route(RouteType.UNICAST, destination, TABLE_MAIN, Optional.empty(), PROTOCOL_KEEPALIVED,
                Optional.empty(), Optional.empty(), 0, Optional.empty(), false, List.of());
    }

    /** This route through {@code newGateway}. */
    public Route via(InetAddress newGateway) {
        return new Route(type, destination, table, scope, protocol, preferredSource, Optional.of(newGateway),
                outputInterface, metric, onlink, nexthops);
    }

    /** This route out of interface {@code index}. */
    public Route dev(int index) {
        return new Route(type, destination, table, scope, protocol, preferredSource, gateway, index, metric, onlink,
                nexthops);
    }

    /** This route in table {@code id}. */
    public Route inTable(long id) {
        return new Route(type, destination, id, scope, protocol, preferredSource, gateway, outputInterface, metric,
                onlink, nexthops);
    }

    /** This route with another type. */
    public Route ofType(RouteType newType) {
        return new Route(newType, destination, table, scope, protocol, preferredSource, gateway, outputInterface,
                metric, onlink, nexthops);
    }

    /** True for IPv6. */
    public boolean isIpv6() {
        return destination.isIpv6();
    }

    private static List<InetAddress> addresses(Optional<InetAddress> source, Optional<InetAddress> gateway,
            List<RouteNexthop> nexthops) {
        ArrayList<InetAddress> out = new ArrayList<>();
        source.ifPresent(out::add);
        gateway.ifPresent(out::add);
        nexthops.forEach(n -> n.gateway().ifPresent(out::add));
        return out;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        if (type != RouteType.UNICAST) {
            text.append(type.keyword()).append(' ');
        }
        text.append(destination);
        gateway.ifPresent(g -> text.append(" via ").append(InetText.format(g)));
        nexthops.forEach(n -> text.append(" nexthop").append(n.gateway().map(g -> " via " + InetText.format(g))
                .orElse("")).append(n.interfaceIndex() != 0 ? " ifindex " + n.interfaceIndex() : ""));
        if (outputInterface != 0) {
            text.append(" ifindex ").append(outputInterface);
        }
        preferredSource.ifPresent(s -> text.append(" src ").append(InetText.format(s)));
        if (table != TABLE_MAIN) {
            text.append(" table ").append(table);
        }
        scope.ifPresent(s -> text.append(" scope ").append(s));
        metric.ifPresent(m -> text.append(" metric ").append(m));
        if (protocol != 0) {
            text.append(" proto ").append(protocol);
        }
        if (onlink) {
            text.append(" onlink");
        }
        return text.toString();
    }
}
