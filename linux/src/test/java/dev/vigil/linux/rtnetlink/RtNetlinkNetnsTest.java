package dev.vigil.linux.rtnetlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.linux.Errno;
import dev.vigil.linux.Interfaces;
import dev.vigil.linux.NetNamespace;
import dev.vigil.linux.netlink.NetlinkException;
import dev.vigil.linux.testing.NetnsLab;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Addresses, links and notifications over rtnetlink inside a throw-away namespace. */
@Tag("netns")
class RtNetlinkNetnsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private NetnsLab lab;
    private String ns;
    private String peer;
    private RtNetlink rt;
    private int index;

    @BeforeEach
    void setUp() throws Exception {
        NetnsLab.assumeAvailable();
        lab = new NetnsLab();
        ns = lab.namespace("rt");
        peer = lab.namespace("peer");
        lab.veth(ns, "vrt", peer, "vpeer");
        rt = NetNamespace.call(ns, RtNetlink::open);
        index = NetNamespace.call(ns, () -> Interfaces.index("vrt"));
    }

    @AfterEach
    void tearDown() {
        if (rt != null) {
            rt.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void ipv4AddressAppearsInIpAddrAndGoesAwayOnDelete() throws Exception {
        InterfaceAddress vip = InterfaceAddress.of(index, InetAddress.getByName("10.202.0.5"), 24)
                .withLabel("vrt:vip").withBroadcast((Inet4Address) InetAddress.getByName("10.202.0.255"))
                .withFlags(Set.of(AddressFlag.NOPREFIXROUTE));
        rt.addAddress(vip);
        String shown = lab.exec(ns, "ip", "-4", "addr", "show", "dev", "vrt");
        assertTrue(shown.contains("inet 10.202.0.5/24 brd 10.202.0.255"), shown);
        assertTrue(shown.contains("vrt:vip"), shown);
        assertTrue(shown.contains("noprefixroute"), shown);
        assertTrue(rt.addresses(index).stream().anyMatch(a -> a.address().equals(vip.address())
                && a.label().equals(vip.label()) && a.flags().contains(AddressFlag.NOPREFIXROUTE)));

        NetlinkException duplicate = assertThrows(NetlinkException.class, () -> rt.addAddress(vip));
        assertTrue(duplicate.is(Errno.EEXIST), duplicate.getMessage());

        rt.deleteAddress(vip);
        assertFalse(lab.exec(ns, "ip", "-4", "addr", "show", "dev", "vrt").contains("10.202.0.5"));
        NetlinkException missing = assertThrows(NetlinkException.class, () -> rt.deleteAddress(vip));
        assertTrue(missing.is(Errno.EADDRNOTAVAIL), missing.getMessage());
    }

    @Test
    void ipv6AddressAppearsInIpAddrAndGoesAwayOnDelete() throws Exception {
        InterfaceAddress vip = InterfaceAddress.of(index, InetAddress.getByName("fd00:202::5"), 64)
                .withFlags(Set.of(AddressFlag.NODAD, AddressFlag.NOPREFIXROUTE));
        rt.addAddress(vip);
        String shown = lab.exec(ns, "ip", "-6", "addr", "show", "dev", "vrt");
        assertTrue(shown.contains("inet6 fd00:202::5/64"), shown);
        assertTrue(shown.contains("nodad") && shown.contains("noprefixroute"), shown);

        rt.deleteAddress(vip);
        assertFalse(lab.exec(ns, "ip", "-6", "addr", "show", "dev", "vrt").contains("fd00:202::5"));
    }

    @Test
    void kernelErrorsCarryTheExtendedAck() throws Exception {
        InterfaceAddress nowhere = InterfaceAddress.of(99_999, InetAddress.getByName("10.202.0.6"), 24);
        NetlinkException e = assertThrows(NetlinkException.class, () -> rt.addAddress(nowhere));
        assertTrue(e.is(Errno.ENODEV), e.getMessage());
        assertTrue(e.getMessage().startsWith("RTM_NEWADDR 10.202.0.6/24 ifindex 99999: ENODEV"), e.getMessage());
        // Kernels since 5.x explain ENODEV here; older ones send no text.
        e.extendedAck().ifPresent(text -> assertTrue(e.getMessage().endsWith(text)));
    }

    @Test
    void listsLinksWithMacMtuAndFlags() throws Exception {
        List<Link> links = rt.links();
        Link veth = links.stream().filter(l -> l.name().equals("vrt")).findFirst().orElseThrow();
        assertEquals(index, veth.index());
        assertEquals(1500, veth.mtu());
        assertTrue(veth.isUp());
        String shown = lab.exec(ns, "ip", "link", "show", "dev", "vrt");
        assertTrue(shown.contains("link/ether " + veth.mac().orElseThrow()), shown);
        Link lo = rt.link("lo").orElseThrow();
        assertTrue(lo.isLoopback());
        assertEquals(lo, rt.link(lo.index()).orElseThrow());
        assertTrue(rt.link("no-such-if").isEmpty());
    }

    @Test
    void subscriptionSeesLinkDownAndAddressRemoval() throws Exception {
        lab.address(ns, "vrt", "10.202.0.9/24");
        BlockingQueue<RtEvent> events = new LinkedBlockingQueue<>();
        RtEventSubscription subscription = NetNamespace.call(ns, () -> RtEventSubscription.start(
                Set.of(RtGroup.LINK, RtGroup.IPV4_IFADDR, RtGroup.IPV6_IFADDR), events::add, "rt-events-test"));
        try {
            lab.exec(ns, "ip", "link", "set", "dev", "vrt", "down");
            RtEvent down = await(events, e -> e instanceof RtEvent.LinkChanged c && c.link().name().equals("vrt")
                    && !c.link().isUp());
            assertEquals(index, ((RtEvent.LinkChanged) down).link().index());

            lab.exec(ns, "ip", "addr", "del", "10.202.0.9/24", "dev", "vrt");
            RtEvent removed = await(events, e -> e instanceof RtEvent.AddressRemoved r
                    && r.address().address().getHostAddress().equals("10.202.0.9"));
            assertEquals(24, ((RtEvent.AddressRemoved) removed).address().prefixLength());
        } finally {
            subscription.close();
        }
        assertFalse(subscription.isRunning());
    }

    /**
     * RTM_DELROUTE and RTM_DELRULE reach a subscriber with the fields keepalived compares, and
     * carry the port of whoever deleted them: `ip` for a command line, this socket for its own.
     */
    @Test
    void subscriptionSeesDeletedRoutesAndRulesWithWhoDeletedThem() throws Exception {
        lab.address(ns, "vrt", "10.207.0.1/24");
        lab.address(ns, "vrt", "fd00:207::1/64");
        Route route = Route.to(new AddressPrefix(InetAddress.getByName("10.208.0.0"), 16))
                .via(InetAddress.getByName("10.207.0.254")).dev(index).inTable(100);
        Route metric = new Route(RouteType.UNICAST, new AddressPrefix(InetAddress.getByName("10.209.0.0"), 24),
                Route.TABLE_MAIN, Optional.empty(), Route.PROTOCOL_KEEPALIVED, Optional.empty(),
                Optional.of(InetAddress.getByName("10.207.0.254")), index, Optional.of(30L), false, List.of());
        Route route6 = Route.to(new AddressPrefix(InetAddress.getByName("fd00:208::"), 64))
                .via(InetAddress.getByName("fd00:207::fe")).dev(index);
        RoutingRule rule = new RoutingRule(false,
                Optional.of(new AddressPrefix(InetAddress.getByName("10.207.0.0"), 24)), Optional.empty(), 100,
                Optional.of(300L), Optional.of(0x20L), Optional.empty(), Optional.of("vrt"), Optional.empty(),
                Route.PROTOCOL_KEEPALIVED);
        RoutingRule unprioritised = RoutingRule.from(new AddressPrefix(InetAddress.getByName("fd00:207::"), 64), 100);
        BlockingQueue<RtEvent> events = new LinkedBlockingQueue<>();
        RtEventSubscription subscription = NetNamespace.call(ns, () -> RtEventSubscription.start(
                Set.of(RtGroup.IPV4_ROUTE, RtGroup.IPV6_ROUTE, RtGroup.IPV4_RULE, RtGroup.IPV6_RULE), events::add,
                "rt-deletions-test"));
        try {
            for (Route r : List.of(route, metric, route6)) {
                rt.addRoute(r);
            }
            rt.addRule(rule);
            rt.addRule(unprioritised);

            lab.exec(ns, "ip", "route", "del", "10.208.0.0/16", "table", "100");
            DeletedRoute byIp = ((RtEvent.RouteRemoved) await(events, e -> e instanceof RtEvent.RouteRemoved r
                    && r.route().destination().equals(route.destination()))).route();
            assertTrue(byIp.matches(route), byIp::toString);
            assertFalse(byIp.matches(route.inTable(101)), "another table");
            assertFalse(byIp.matches(route.dev(index + 1)), "another interface");
            assertTrue(byIp.senderPort() != 0 && byIp.senderPort() != rt.portId(), () -> "port " + byIp.senderPort());

            rt.deleteRoute(metric);
            DeletedRoute ours = ((RtEvent.RouteRemoved) await(events, e -> e instanceof RtEvent.RouteRemoved r
                    && r.route().destination().equals(metric.destination()))).route();
            assertTrue(ours.matches(metric), ours::toString);
            assertEquals(30, ours.metric());
            assertEquals(rt.portId(), ours.senderPort(), "our own deletion carries our port");

            lab.exec(ns, "ip", "-6", "route", "del", "fd00:208::/64");
            DeletedRoute v6 = ((RtEvent.RouteRemoved) await(events, e -> e instanceof RtEvent.RouteRemoved r
                    && r.route().destination().equals(route6.destination()))).route();
            assertTrue(v6.matches(route6), () -> v6 + ": the kernel's metric 1024 is the one not given");

            lab.exec(ns, "ip", "rule", "del", "priority", "300");
            DeletedRule ruleByIp = ((RtEvent.RuleRemoved) await(events, e -> e instanceof RtEvent.RuleRemoved r
                    && r.rule().rule().priority().equals(Optional.of(300L)))).rule();
            assertTrue(ruleByIp.matches(rule), ruleByIp::toString);
            assertFalse(ruleByIp.matches(RoutingRule.from(rule.from().orElseThrow(), 100)), "no fwmark, no iif");

            lab.exec(ns, "ip", "-6", "rule", "del", "from", "fd00:207::/64", "table", "100");
            DeletedRule v6Rule = ((RtEvent.RuleRemoved) await(events, e -> e instanceof RtEvent.RuleRemoved r
                    && r.rule().rule().ipv6())).rule();
            assertTrue(v6Rule.matches(unprioritised), () -> v6Rule + ": a priority the kernel chose");
        } finally {
            subscription.close();
        }
    }

    private static RtEvent await(BlockingQueue<RtEvent> events, Predicate<RtEvent> wanted) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            RtEvent event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (event != null && wanted.test(event)) {
                return event;
            }
        }
        throw new AssertionError("expected event not seen within " + WAIT);
    }

    @Test
    void routesOfEveryKindAndRulesAppearAndGoAway() throws Exception {
        lab.address(ns, "vrt", "10.203.0.1/24");
        Route gateway = Route.to(new AddressPrefix(InetAddress.getByName("10.204.0.0"), 16))
                .via(InetAddress.getByName("10.203.0.254")).dev(index).inTable(100);
        Route defaultRoute = Route.to(new AddressPrefix(InetAddress.getByName("0.0.0.0"), 0))
                .via(InetAddress.getByName("10.203.0.254")).inTable(1000);
        Route blackhole = Route.to(new AddressPrefix(InetAddress.getByName("10.205.0.0"), 24))
                .ofType(RouteType.BLACKHOLE);
        Route multipath = new Route(RouteType.UNICAST, new AddressPrefix(InetAddress.getByName("10.206.0.0"), 24),
                Route.TABLE_MAIN, Optional.empty(), Route.PROTOCOL_KEEPALIVED, Optional.empty(),
                Optional.empty(), 0, Optional.of(7L), false,
                List.of(RouteNexthop.via(InetAddress.getByName("10.203.0.253")),
                        RouteNexthop.via(InetAddress.getByName("10.203.0.252"))));
        RoutingRule rule = new RoutingRule(false,
                Optional.of(new AddressPrefix(InetAddress.getByName("10.203.0.0"), 24)),
                Optional.empty(), 1000, Optional.of(200L), Optional.of(0x10L),
                Optional.of(0xffL), Optional.of("vrt"), Optional.empty(),
                Route.PROTOCOL_KEEPALIVED);
        for (Route route : List.of(gateway, defaultRoute, blackhole, multipath)) {
            rt.addRoute(route);
        }
        rt.addRule(rule);
        String routes = lab.exec(ns, "ip", "route", "show", "table", "all");
        assertTrue(routes.contains("10.204.0.0/16 via 10.203.0.254 dev vrt table 100 proto keepalived"), routes);
        assertTrue(routes.contains("default via 10.203.0.254 dev vrt table 1000 proto keepalived"), routes);
        assertTrue(routes.contains("blackhole 10.205.0.0/24 proto keepalived"), routes);
        assertTrue(routes.contains("10.206.0.0/24 proto keepalived metric 7"), routes);
        assertTrue(routes.contains("nexthop via 10.203.0.252 dev vrt"), routes);
        String rules = lab.exec(ns, "ip", "rule");
        assertTrue(rules.contains("200:\tfrom 10.203.0.0/24 fwmark 0x10/0xff iif vrt lookup 1000 proto keepalived"),
                rules);

        NetlinkException duplicate = assertThrows(NetlinkException.class, () -> rt.addRule(rule));
        assertTrue(duplicate.is(Errno.EEXIST), duplicate.getMessage());

        rt.deleteRule(rule);
        for (Route route : List.of(gateway, defaultRoute, blackhole, multipath)) {
            rt.deleteRoute(route);
        }
        String after = lab.exec(ns, "ip", "route", "show", "table", "all");
        assertFalse(after.contains("proto keepalived"), after);
        assertFalse(lab.exec(ns, "ip", "rule").contains("lookup 1000"));
        NetlinkException missing = assertThrows(NetlinkException.class, () -> rt.deleteRoute(blackhole));
        assertTrue(missing.is(Errno.ESRCH), missing.getMessage());
    }
}
