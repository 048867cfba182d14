package dev.vigil.linux.rtnetlink;

import dev.vigil.linux.netlink.Netlink;
import dev.vigil.linux.netlink.NetlinkMessageBuilder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Encodes route and policy-rule requests (rtnetlink(7), uapi {@code linux/rtnetlink.h},
 * {@code linux/fib_rules.h}). Pure.
 *
 * <pre>
 * rtmsg         (12 bytes): family u8, dst_len u8, src_len u8, tos u8, table u8, protocol u8,
 *                           scope u8, type u8, flags u32
 * fib_rule_hdr  (12 bytes): family u8, dst_len u8, src_len u8, tos u8, table u8, res1 u8,
 *                           res2 u8, action u8, flags u32
 * rtnexthop      (8 bytes): len u16, flags u8, hops u8, ifindex s32, then its attributes
 * </pre>
 *
 * A table id above 255 does not fit the one-byte header field: the header then carries 0
 * (RT_TABLE_UNSPEC) and the id goes in RTA_TABLE / FRA_TABLE, as iproute2 and keepalived do.
 */
public final class RouteMessages {

    /** RTM_NEWROUTE. */
    public static final int RTM_NEWROUTE = 24;
    /** RTM_DELROUTE. */
    public static final int RTM_DELROUTE = 25;
    /** RTM_NEWRULE. */
    public static final int RTM_NEWRULE = 32;
    /** RTM_DELRULE. */
    public static final int RTM_DELRULE = 33;

    static final int HEADER_LENGTH = 12;
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    private static final int RT_SCOPE_UNIVERSE = 0;
    private static final int RT_SCOPE_NOWHERE = 255;
    private static final int RTNH_F_ONLINK = 4;
    private static final int RTNEXTHOP_LENGTH = 8;
    static final int FR_ACT_TO_TBL = 1;
    private static final int LARGEST_HEADER_TABLE = 255;

    static final int RTA_DST = 1;
    static final int RTA_OIF = 4;
    private static final int RTA_GATEWAY = 5;
    static final int RTA_PRIORITY = 6;
    private static final int RTA_PREFSRC = 7;
    private static final int RTA_MULTIPATH = 9;
    static final int RTA_TABLE = 15;

    static final int FRA_DST = 1;
    static final int FRA_SRC = 2;
    static final int FRA_IIFNAME = 3;
    static final int FRA_PRIORITY = 6;
    static final int FRA_FWMARK = 10;
    static final int FRA_TABLE = 15;
    static final int FRA_FWMASK = 16;
    static final int FRA_OIFNAME = 17;
    static final int FRA_PROTOCOL = 21;

    private RouteMessages() {
    }

    /**
     * RTM_NEWROUTE with NLM_F_CREATE but not NLM_F_EXCL: keepalived's "prepend", so a route to
     * the same destination with another gateway or metric does not block it; an identical route
     * is still EEXIST.
     */
    public static NetlinkMessageBuilder newRoute(Route route) {
        return routeBody(new NetlinkMessageBuilder(RTM_NEWROUTE, Netlink.F_REQUEST | Netlink.F_CREATE), route,
                route.scope().orElse(RT_SCOPE_UNIVERSE));
    }

    /**
     * RTM_DELROUTE carrying the same fields, so the kernel deletes only the matching route (a
     * scope not given matches any, RT_SCOPE_NOWHERE).
     */
    public static NetlinkMessageBuilder deleteRoute(Route route) {
        return routeBody(new NetlinkMessageBuilder(RTM_DELROUTE, Netlink.F_REQUEST), route,
                route.scope().orElse(RT_SCOPE_NOWHERE));
    }

    private static NetlinkMessageBuilder routeBody(NetlinkMessageBuilder message, Route route, int scope) {
        int headerTable = route.table() > LARGEST_HEADER_TABLE ? 0 : (int) route.table();
        message.familyHeader(ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.nativeOrder())
                .put((byte) family(route.isIpv6())).put((byte) route.destination().length()).put((byte) 0)
                .put((byte) 0).put((byte) headerTable).put((byte) route.protocol()).put((byte) scope)
                .put((byte) route.type().code()).putInt(route.onlink() ? RTNH_F_ONLINK : 0).array());
        message.address(RTA_DST, route.destination().address());
        if (headerTable == 0) {
            message.u32(RTA_TABLE, (int) route.table());
        }
        route.gateway().ifPresent(g -> message.address(RTA_GATEWAY, g));
        route.preferredSource().ifPresent(s -> message.address(RTA_PREFSRC, s));
        if (route.outputInterface() != 0) {
            message.u32(RTA_OIF, route.outputInterface());
        }
        route.metric().ifPresent(m -> message.u32(RTA_PRIORITY, m.intValue()));
        if (!route.nexthops().isEmpty()) {
            message.bytes(RTA_MULTIPATH, multipath(route));
        }
        return message;
    }

    /** The RTA_MULTIPATH payload: one rtnexthop (with its RTA_GATEWAY) per path. */
    private static byte[] multipath(Route route) {
        int gatewayLength = route.isIpv6() ? 16 : 4;
        int attributeLength = Netlink.align(Netlink.ATTRIBUTE_HEADER_LENGTH + gatewayLength);
        ByteBuffer out = ByteBuffer.allocate(route.nexthops().size() * (RTNEXTHOP_LENGTH + attributeLength))
                .order(ByteOrder.nativeOrder());
        for (RouteNexthop hop : route.nexthops()) {
            int length = RTNEXTHOP_LENGTH + (hop.gateway().isPresent() ? attributeLength : 0);
            out.putShort((short) length).put((byte) (hop.onlink() ? RTNH_F_ONLINK : 0)).put((byte) 0)
                    .putInt(hop.interfaceIndex());
            hop.gateway().ifPresent(g -> {
                out.putShort((short) (Netlink.ATTRIBUTE_HEADER_LENGTH + gatewayLength)).putShort((short) RTA_GATEWAY);
                out.put(g.getAddress());
            });
        }
        return Arrays.copyOf(out.array(), out.position());
    }

    /** RTM_NEWRULE with NLM_F_EXCL: an identical rule already present is EEXIST (keepalived does the same). */
    public static NetlinkMessageBuilder newRule(RoutingRule rule) {
        return ruleBody(new NetlinkMessageBuilder(RTM_NEWRULE, Netlink.F_REQUEST | Netlink.F_CREATE | Netlink.F_EXCL),
                rule);
    }

    /** RTM_DELRULE with the same selectors: the kernel deletes the first rule that matches them all. */
    public static NetlinkMessageBuilder deleteRule(RoutingRule rule) {
        return ruleBody(new NetlinkMessageBuilder(RTM_DELRULE, Netlink.F_REQUEST), rule);
    }

    private static NetlinkMessageBuilder ruleBody(NetlinkMessageBuilder message, RoutingRule rule) {
        int headerTable = rule.table() > LARGEST_HEADER_TABLE ? 0 : (int) rule.table();
        message.familyHeader(ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.nativeOrder())
                .put((byte) family(rule.ipv6())).put((byte) rule.to().map(AddressPrefix::length).orElse(0).intValue())
                .put((byte) rule.from().map(AddressPrefix::length).orElse(0).intValue()).put((byte) 0)
                .put((byte) headerTable)
                .put((byte) 0).put((byte) 0).put((byte) FR_ACT_TO_TBL).putInt(0).array());
        rule.from().ifPresent(f -> message.address(FRA_SRC, f.address()));
        rule.to().ifPresent(t -> message.address(FRA_DST, t.address()));
        rule.priority().ifPresent(p -> message.u32(FRA_PRIORITY, p.intValue()));
        rule.fwmark().ifPresent(m -> message.u32(FRA_FWMARK, m.intValue()));
        rule.fwmask().ifPresent(m -> message.u32(FRA_FWMASK, m.intValue()));
        rule.inputInterface().ifPresent(i -> message.string(FRA_IIFNAME, i));
        rule.outputInterface().ifPresent(o -> message.string(FRA_OIFNAME, o));
        if (headerTable == 0) {
            message.u32(FRA_TABLE, (int) rule.table());
        }
        if (rule.protocol() != 0) {
            message.u8(FRA_PROTOCOL, rule.protocol());
        }
        return message;
    }

    private static int family(boolean ipv6) {
        return ipv6 ? AF_INET6 : AF_INET;
    }
}
