package dev.vigil.linux.rtnetlink;

import static dev.vigil.linux.rtnetlink.RouteMessages.AF_INET;
import static dev.vigil.linux.rtnetlink.RouteMessages.AF_INET6;
import static dev.vigil.linux.rtnetlink.RouteMessages.RTA_DST;
import static dev.vigil.linux.rtnetlink.RouteMessages.RTA_OIF;
import static dev.vigil.linux.rtnetlink.RouteMessages.RTA_PRIORITY;
import static dev.vigil.linux.rtnetlink.RouteMessages.RTA_TABLE;

import dev.vigil.linux.netlink.NetlinkAttributes;
import dev.vigil.linux.netlink.NetlinkMessage;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.Optional;

/**
 * A route the kernel reported deleted (RTM_DELROUTE), with the fields keepalived compares to
 * tell one of its own routes ({@code route_is_ours} in {@code keepalived_netlink.c}): table,
 * destination prefix, TOS, metric, output interface and protocol. Gateways, scope, type and
 * source are not compared, as in keepalived.
 *
 * @param destination     RTA_DST and rtm_dst_len (the zero address for a default route)
 * @param table           RTA_TABLE, else rtm_table
 * @param tos             rtm_tos
 * @param protocol        rtm_protocol
 * @param metric          RTA_PRIORITY, 0 when absent
 * @param outputInterface RTA_OIF, 0 when absent (a multipath route has none)
 * @param senderPort      {@code nlmsg_pid}: the netlink port whose request deleted it, 0 for the kernel
 */
public record DeletedRoute(AddressPrefix destination, long table, int tos, int protocol, long metric,
                           int outputInterface, int senderPort) {

    /** IP6_RT_PRIO_USER: the metric the kernel gives an IPv6 route added without one. */
    static final long IPV6_DEFAULT_METRIC = 1024;

    public DeletedRoute {
        Objects.requireNonNull(destination, "destination");
    }

    /**
     * Whether this is {@code route} as it was added: same table, destination and protocol, TOS 0,
     * the route's metric (none: 0, or 1024 for IPv6, which the kernel fills in), and its output
     * interface when it has one.
     */
    public boolean matches(Route route) {
        long expectedMetric = route.metric().orElse(route.isIpv6() ? IPV6_DEFAULT_METRIC : 0L);
        return table == route.table() && destination.equals(route.destination()) && protocol == route.protocol()
                && tos == 0 && metric == expectedMetric
                && (route.outputInterface() == 0 || outputInterface == route.outputInterface());
    }

    /** Decodes RTM_DELROUTE; empty for other types, families or malformed messages. Pure. */
    public static Optional<DeletedRoute> decode(NetlinkMessage message) {
        byte[] payload = message.payload();
        if (message.type() != RouteMessages.RTM_DELROUTE || payload.length < RouteMessages.HEADER_LENGTH) {
            return Optional.empty();
        }
        int family = payload[0] & 0xFF;
        int length = payload[1] & 0xFF;
        if (family != AF_INET && family != AF_INET6 || length > (family == AF_INET6 ? 128 : 32)) {
            return Optional.empty();
        }
        NetlinkAttributes attributes = message.attributes(RouteMessages.HEADER_LENGTH);
        Optional<InetAddress> destination = attributes.first(RTA_DST).isPresent()
                ? attributes.first(RTA_DST).flatMap(a -> a.asAddress()) : Optional.of(zero(family));
        if (destination.isEmpty() || (destination.get() instanceof Inet6Address) != (family == AF_INET6)) {
            return Optional.empty();
        }
        long table = attributes.u32(RTA_TABLE).orElse((long) (payload[4] & 0xFF));
        return Optional.of(new DeletedRoute(new AddressPrefix(destination.get(), length), table, payload[3] & 0xFF,
                payload[5] & 0xFF, attributes.u32(RTA_PRIORITY).orElse(0L),
                attributes.u32(RTA_OIF).map(Long::intValue).orElse(0), message.portId()));
    }

    private static InetAddress zero(int family) {
        try {
            return InetAddress.getByAddress(new byte[family == AF_INET6 ? 16 : 4]);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(destination.toString());
        if (outputInterface != 0) {
            text.append(" ifindex ").append(outputInterface);
        }
        if (table != Route.TABLE_MAIN) {
            text.append(" table ").append(table);
        }
        if (metric != 0) {
            text.append(" metric ").append(metric);
        }
        return text.append(" proto ").append(protocol).toString();
    }
}
