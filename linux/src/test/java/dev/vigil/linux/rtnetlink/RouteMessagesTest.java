package dev.vigil.linux.rtnetlink;

import static dev.vigil.linux.rtnetlink.IpCapture.assertSameRequest;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.linux.netlink.Netlink;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Route, rule and address requests against what iproute2 6.1 sent for the same commands
 * ({@link IpCapture}); interface d0 had index 3, the sequence number was 0x6b01aab5.
 */
class RouteMessagesTest {

    private static final int SEQ = 0x6b01aab5;
    private static final int D0 = 3;

    @BeforeEach
    void littleEndianHost() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "byte vectors are written for little-endian hosts");
    }

    private static InetAddress ip(String text) throws Exception {
        return InetAddress.getByName(text);
    }

    private static AddressPrefix prefix(String address, int length) throws Exception {
        return new AddressPrefix(ip(address), length);
    }

    @Test
    void gatewayRouteInSmallTableWithMetricSourceAndDevice() throws Exception {
        // ip route add 10.20.0.0/16 via 10.9.0.254 dev d0 table 100 metric 5 proto static src 10.9.0.1
        Route route = new Route(RouteType.UNICAST, prefix("10.20.0.0", 16), 100, Optional.empty(),
                Route.PROTOCOL_STATIC, Optional.of(ip("10.9.0.1")), Optional.of(ip("10.9.0.254")), D0,
                Optional.of(5L), false, List.of());
        // Vigil adds without NLM_F_EXCL (keepalived's prepend).
        assertSameRequest("""
                44000000 1800 0506 b5aa016b 00000000
                02 10 00 00 64 04 00 01 00000000
                0800 0100 0a140000 0800 0500 0a0900fe 0800 0600 05000000
                0800 0700 0a090001 0800 0400 03000000""",
                RouteMessages.newRoute(route).build(SEQ, 0), RouteMessages.HEADER_LENGTH, Netlink.F_EXCL);
    }

    @Test
    void blackholeInTableAboveTwoFiftyFiveUsesRtaTable() throws Exception {
        // ip route add blackhole 10.30.0.0/24 table 1000
        Route route = new Route(RouteType.BLACKHOLE, prefix("10.30.0.0", 24), 1000, Optional.empty(),
                Route.PROTOCOL_BOOT, Optional.empty(), Optional.empty(), 0, Optional.empty(), false, List.of());
        assertSameRequest("""
                2c000000 1800 0506 b5aa016b 00000000
                02 18 00 00 00 03 00 06 00000000
                0800 0100 0a1e0000 0800 0f00 e8030000""",
                RouteMessages.newRoute(route).build(SEQ, 0), RouteMessages.HEADER_LENGTH, Netlink.F_EXCL);
    }

    @Test
    void multipathRouteCarriesOneRtnexthopPerGateway() throws Exception {
        // ip route add 10.40.0.0/24 nexthop via 10.9.0.253 nexthop via 10.9.0.252
        Route route = new Route(RouteType.UNICAST, prefix("10.40.0.0", 24), Route.TABLE_MAIN, Optional.empty(),
                Route.PROTOCOL_BOOT, Optional.empty(), Optional.empty(), 0, Optional.empty(), false,
                List.of(RouteNexthop.via(ip("10.9.0.253")), RouteNexthop.via(ip("10.9.0.252"))));
        assertSameRequest("""
                48000000 1800 0506 b5aa016b 00000000
                02 18 00 00 fe 03 00 01 00000000
                0800 0100 0a280000
                2400 0900 1000 00 00 00000000 0800 0500 0a0900fd 1000 00 00 00000000 0800 0500 0a0900fc""",
                RouteMessages.newRoute(route).build(SEQ, 0), RouteMessages.HEADER_LENGTH, Netlink.F_EXCL);
    }

    @Test
    void onlinkGatewayRoute() throws Exception {
        // ip route add 10.50.0.0/24 via 10.50.1.1 dev d0 onlink
        Route route = new Route(RouteType.UNICAST, prefix("10.50.0.0", 24), Route.TABLE_MAIN, Optional.empty(),
                Route.PROTOCOL_BOOT, Optional.empty(), Optional.of(ip("10.50.1.1")), D0, Optional.empty(), true,
                List.of());
        assertSameRequest("""
                34000000 1800 0506 b5aa016b 00000000
                02 18 00 00 fe 03 00 01 04000000
                0800 0100 0a320000 0800 0500 0a320101 0800 0400 03000000""",
                RouteMessages.newRoute(route).build(SEQ, 0), RouteMessages.HEADER_LENGTH, Netlink.F_EXCL);
    }

    @Test
    void unreachableWithKeepalivedProtocol() throws Exception {
        // ip route add unreachable 10.60.0.0/24 proto 18
        Route route = Route.to(prefix("10.60.0.0", 24)).ofType(RouteType.UNREACHABLE);
        assertSameRequest("""
                24000000 1800 0506 b5aa016b 00000000
                02 18 00 00 fe 12 00 07 00000000
                0800 0100 0a3c0000""",
                RouteMessages.newRoute(route).build(SEQ, 0), RouteMessages.HEADER_LENGTH, Netlink.F_EXCL);
    }

    @Test
    void deleteMatchesAnyScopeAndNamesTheType() throws Exception {
        // ip route del 10.20.0.0/16 table 100 (ip sends protocol and type 0 = any; Vigil names its
        // protocol and type so only its own route matches: header bytes 5 and 7)
        Route route = Route.to(prefix("10.20.0.0", 16)).inTable(100);
        assertSameRequest("""
                24000000 1900 0500 b5aa016b 00000000
                02 10 00 00 64 00 ff 00 00000000
                0800 0100 0a140000""",
                RouteMessages.deleteRoute(route).build(SEQ, 0), RouteMessages.HEADER_LENGTH, 0,
                5, Route.PROTOCOL_KEEPALIVED, 7, RouteType.UNICAST.code());
    }

    @Test
    void ipv6RouteWithTableInHeader() throws Exception {
        Route route = Route.to(prefix("fd00:1::", 64)).via(ip("fd00::1")).inTable(7);
        assertArrayEquals(HexFormat.of().parseHex((
                "44000000 1800 0104 01000000 00000000 0a 40 00 00 07 12 00 01 00000000"
                + " 1400 0100 fd000001000000000000000000000000"
                + " 1400 0500 fd000000000000000000000000000001").replace(" ", "")),
                RouteMessages.newRoute(route).build(1, 0));
    }

    @Test
    void ruleWithEverySelector() throws Exception {
        // ip rule add from 10.9.0.0/24 to 10.20.0.0/16 table 100 priority 100 fwmark 0x10/0xff iif d0 oif d0
        RoutingRule rule = new RoutingRule(false, Optional.of(prefix("10.9.0.0", 24)),
                Optional.of(prefix("10.20.0.0", 16)), 100, Optional.of(100L), Optional.of(0x10L), Optional.of(0xffL),
                Optional.of("d0"), Optional.of("d0"), 0);
        assertSameRequest("""
                54000000 2000 0506 b5aa016b 00000000
                02 10 18 00 64 00 00 01 00000000
                0800 0200 0a090000 0800 0100 0a140000 0800 0600 64000000 0800 0a00 10000000
                0800 1000 ff000000 0700 0300 643000 00 0700 1100 643000 00""",
                RouteMessages.newRule(rule).build(SEQ, 0), RouteMessages.HEADER_LENGTH, 0);
    }

    @Test
    void ruleToTableAboveTwoFiftyFiveAndItsDeletion() throws Exception {
        // ip rule add from 10.9.0.0/24 table 1000; ip rule del from 10.9.0.0/24 table 1000
        RoutingRule rule = new RoutingRule(false, Optional.of(prefix("10.9.0.0", 24)), Optional.empty(), 1000,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0);
        assertSameRequest("""
                2c000000 2000 0506 b5aa016b 00000000
                02 00 18 00 00 00 00 01 00000000
                0800 0200 0a090000 0800 0f00 e8030000""",
                RouteMessages.newRule(rule).build(SEQ, 0), RouteMessages.HEADER_LENGTH, 0);
        // ip sends action 0 on delete; Vigil names FR_ACT_TO_TBL (byte 7), as keepalived does.
        assertSameRequest("""
                2c000000 2100 0500 b5aa016b 00000000
                02 00 18 00 00 00 00 00 00000000
                0800 0200 0a090000 0800 0f00 e8030000""",
                RouteMessages.deleteRule(rule).build(SEQ, 0), RouteMessages.HEADER_LENGTH, 0, 7, 1);
    }

    @Test
    void ruleProtocolIsOneByte() throws Exception {
        RoutingRule rule = RoutingRule.from(prefix("10.9.0.0", 24), 100);
        assertArrayEquals(HexFormat.of().parseHex((
                "2c000000 2000 0106 01000000 00000000 02 00 18 00 64 00 00 01 00000000"
                + " 0800 0200 0a090000 0500 1500 12 000000").replace(" ", "")),
                RouteMessages.newRule(rule).build(1, 0));
    }

    @Test
    void pointToPointAddressWithScopeAndLabel() throws Exception {
        // ip addr add 10.9.0.5/32 peer 10.9.0.6/32 dev d0 scope link label d0:pe
        InterfaceAddress address = InterfaceAddress.of(D0, ip("10.9.0.5"), 32).withPeer(ip("10.9.0.6"), 32)
                .withScope(AddressScope.LINK).withLabel("d0:pe");
        assertSameRequest("""
                34000000 1400 0506 b5aa016b 00000000
                02 20 00 fd 03000000
                0800 0200 0a090005 0800 0100 0a090006 0a00 0300 64303a706500 0000""",
                RtMessages.newAddress(address).build(SEQ, 0), RtMessages.IFADDRMSG_LENGTH, 0);
    }

    @Test
    void siteScopeAddressWithBroadcast() throws Exception {
        // ip addr add 10.9.0.7/24 brd + dev d0 scope 200
        InterfaceAddress address = InterfaceAddress.of(D0, ip("10.9.0.7"), 24).withScope(AddressScope.SITE)
                .withBroadcast((Inet4Address) ip("10.9.0.255"));
        assertSameRequest("""
                30000000 1400 0506 b5aa016b 00000000
                02 18 00 c8 03000000
                0800 0200 0a090007 0800 0100 0a090007 0800 0400 0a0900ff""",
                RtMessages.newAddress(address).build(SEQ, 0), RtMessages.IFADDRMSG_LENGTH, 0);
    }

    @Test
    void ipv6AddressWithFlagsAndPreferredLifetime() throws Exception {
        // ip addr add fd00::5/64 dev d0 home nodad mngtmpaddr noprefixroute preferred_lft 30
        // (Vigil repeats the low flag bits in ifa_flags, byte 2)
        InterfaceAddress address = InterfaceAddress.of(D0, ip("fd00::5"), 64)
                .withFlags(Set.of(AddressFlag.HOMEADDRESS, AddressFlag.NODAD, AddressFlag.MANAGETEMPADDR,
                        AddressFlag.NOPREFIXROUTE)).withPreferredLifetime(30);
        assertSameRequest("""
                5c000000 1400 0506 b5aa016b 00000000
                0a 40 00 00 03000000
                1400 0200 fd000000000000000000000000000005 0800 0800 12030000
                1400 0100 fd000000000000000000000000000005
                1400 0600 1e000000 ffffffff 00000000 00000000""",
                RtMessages.newAddress(address).build(SEQ, 0), RtMessages.IFADDRMSG_LENGTH, 0, 2, 0x12);
    }

    @Test
    void refusesInconsistentRoutesAndRules() throws Exception {
        AddressPrefix v4 = prefix("10.1.0.0", 16);
        assertThrows(IllegalArgumentException.class, () -> Route.to(v4).via(ip("fd00::1")));
        assertThrows(IllegalArgumentException.class, () -> Route.to(v4).inTable(0));
        assertThrows(IllegalArgumentException.class, () -> new Route(RouteType.UNICAST, v4, 254, Optional.empty(),
                0, Optional.empty(), Optional.of(ip("10.0.0.1")), 0, Optional.empty(), false,
                List.of(RouteNexthop.via(ip("10.0.0.2")))));
        assertThrows(IllegalArgumentException.class, () -> new RoutingRule(true, Optional.of(v4), Optional.empty(),
                100, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0));
        assertThrows(IllegalArgumentException.class, () -> new RoutingRule(false, Optional.empty(), Optional.empty(),
                100, Optional.empty(), Optional.empty(), Optional.of(0xffL), Optional.empty(), Optional.empty(), 0));
        assertThrows(IllegalArgumentException.class, () -> new AddressPrefix(ip("10.0.0.0"), 33));
    }
}
