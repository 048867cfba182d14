package dev.vigil.daemon.adapt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.linux.rtnetlink.AddressFlag;
import dev.vigil.linux.rtnetlink.AddressPrefix;
import dev.vigil.linux.rtnetlink.InterfaceAddress;
import dev.vigil.linux.rtnetlink.Route;
import dev.vigil.linux.rtnetlink.RouteNexthop;
import dev.vigil.linux.rtnetlink.RouteType;
import dev.vigil.linux.rtnetlink.RoutingRule;
import dev.vigil.vrrp.runtime.InstanceRouting;
import dev.vigil.vrrp.runtime.VirtualRoute;
import dev.vigil.vrrp.runtime.VrrpInstanceSettings;
import dev.vigil.vrrp.track.TrackerSpec;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** VIP options, excluded VIPs, virtual and static routes and rules from keepalived.conf to the kernel's terms. */
class RoutingAdapterTest {

    /** keepalived's doc/samples/keepalived.conf.vrrp.routes, with the rules of the man page added. */
    private static final String SAMPLE = """
            static_routes {
                src 192.168.100.1 192.168.209.0/24 via 192.168.200.254 dev eth0
                192.168.212.0/24 dev eth3 scope site
            }
            static_ipaddress {
                10.7.0.1/24 dev eth0 brd + label eth0:st
            }
            static_rules {
                from 10.7.0.0/24 table 7 priority 70
            }
            vrrp_instance VI_1 {
                state MASTER
                interface eth0
                virtual_router_id 51
                priority 100
                virtual_ipaddress {
                    192.168.200.16
                    192.168.200.17/24 dev eth1 brd - scope link
                    192.168.200.18 peer 192.168.200.19/32 label eth0:p
                }
                virtual_ipaddress_excluded {
                    fd00::18/64 home -nodad mngtmpaddr noprefixroute preferred_lft 0 no_track
                }
                virtual_routes {
                    src 192.168.100.1 192.168.109.0/24 via 192.168.200.254 dev eth1
                    192.168.111.0/24 dev eth2 no_track
                    192.168.113.0/24 via 192.168.100.252 or 192.168.100.253
                    blackhole 192.168.113.1/32
                    0.0.0.0/0 via 192.168.0.1 table 100
                    unreachable 10.8.0.0/16 table 1000 metric 9 protocol static no_track
                }
                virtual_rules {
                    from 192.168.2.0/24 table 1
                    to 192.168.2.0/24 table 1000 fwmark 0x10/0xff iif eth0 priority 5 no_track
                }
            }
            """;

    private static InetAddress ip(String text) throws Exception {
        return InetAddress.getByName(text);
    }

    private static AddressPrefix prefix(String address, int length) throws Exception {
        return new AddressPrefix(ip(address), length);
    }

    private static VrrpAdapter.Result adapt(String text) {
        var config = TestConfigs.load(text);
        return VrrpAdapter.from(config, TestConfigs.trusting(config, "root"));
    }

    @Test
    void vipOptionsReachTheKernelAddress() throws Exception {
        VrrpInstanceSettings s = adapt(SAMPLE).instances().getFirst();
        assertEquals(3, s.vips().size());
        InterfaceAddress scoped = s.vips().get(1).toKernel(4);
        assertEquals(253, scoped.scope());
        assertEquals(ip("192.168.200.0"), scoped.broadcast().orElseThrow(), "brd - clears the host bits");
        InterfaceAddress peer = s.vips().get(2).toKernel(2);
        assertEquals(ip("192.168.200.19"), peer.peer().orElseThrow());
        assertEquals(32, peer.prefixLength());
        assertEquals(Optional.of("eth0:p"), peer.label());
    }

    @Test
    void excludedVipsMayBeOfTheOtherFamilyAndKeepTheirFlags() throws Exception {
        VrrpAdapter.Result result = adapt(SAMPLE);
        InstanceRouting routing = result.instances().getFirst().routing();
        InterfaceAddress excluded = routing.excludedVips().getFirst().toKernel(2);
        assertEquals(ip("fd00::18"), excluded.address());
        assertEquals(Set.of(AddressFlag.HOMEADDRESS, AddressFlag.NODAD, AddressFlag.MANAGETEMPADDR,
                AddressFlag.NOPREFIXROUTE), excluded.flags());
        assertEquals(Optional.of(0L), excluded.preferredLifetime(), "preferred_lft 0: deprecated at once");
        assertEquals(3, result.instances().getFirst().vips().size(), "excluded VIPs are not VIPs");
    }

    @Test
    void virtualRoutesAsKeepalivedSendsThem() throws Exception {
        VrrpAdapter.Result result = adapt(SAMPLE);
        List<VirtualRoute> routes = result.instances().getFirst().routing().routes();
        assertEquals(6, routes.size(), result.issues()::toString);
        Route first = routes.get(0).route();
        assertEquals(Optional.of(ip("192.168.100.1")), first.preferredSource());
        assertEquals(Optional.of(ip("192.168.200.254")), first.gateway());
        assertEquals(Optional.of("eth1"), routes.get(0).device());
        assertEquals(Route.PROTOCOL_KEEPALIVED, first.protocol());
        assertEquals(Route.TABLE_MAIN, first.table());
        assertTrue(routes.get(1).noTrack());
        assertEquals(List.of(RouteNexthop.via(ip("192.168.100.252")), RouteNexthop.via(ip("192.168.100.253"))),
                routes.get(2).route().nexthops(), "'or' makes a two-path route");
        assertEquals(Optional.empty(), routes.get(2).route().gateway());
        assertEquals(RouteType.BLACKHOLE, routes.get(3).route().type());
        assertEquals(new Route(RouteType.UNICAST, prefix("0.0.0.0", 0), 100, Optional.empty(),
                Route.PROTOCOL_KEEPALIVED, Optional.empty(), Optional.of(ip("192.168.0.1")), 0, Optional.empty(),
                false, List.of()), routes.get(4).route());
        Route unreachable = routes.get(5).route();
        assertEquals(1000, unreachable.table());
        assertEquals(Optional.of(9L), unreachable.metric());
        assertEquals(Route.PROTOCOL_STATIC, unreachable.protocol(), "no_track keeps a configured protocol");
    }

    @Test
    void virtualRulesWithTablesMarksAndProtocol() throws Exception {
        List<RoutingRule> rules = adapt(SAMPLE).instances().getFirst().routing().rules();
        assertEquals(RoutingRule.from(prefix("192.168.2.0", 24), 1), rules.get(0));
        assertEquals(new RoutingRule(false, Optional.empty(), Optional.of(prefix("192.168.2.0", 24)), 1000,
                Optional.of(5L), Optional.of(0x10L), Optional.of(0xffL), Optional.of("eth0"), Optional.empty(), 0),
                rules.get(1));
    }

    @Test
    void aTrackedRouteWithAnotherProtocolIsTold() {
        VrrpAdapter.Result result = adapt("""
                vrrp_instance R {
                    interface eth0
                    virtual_router_id 8
                    virtual_ipaddress {
                        10.1.0.8
                    }
                    virtual_routes {
                        10.2.0.0/16 via 10.1.0.1 protocol static
                        10.3.0.0/16 via 10.1.0.1 table nosuchtable
                    }
                    virtual_rules {
                        from 10.1.0.0/24 table 5 tos 4
                    }
                }
                """);
        assertEquals(1, result.instances().getFirst().routing().routes().size());
        assertEquals(Route.PROTOCOL_KEEPALIVED, result.instances().getFirst().routing().routes().getFirst().route()
                .protocol());
        assertEquals(List.of(), result.instances().getFirst().routing().rules());
        String issues = result.issues().toString();
        assertTrue(issues.contains("add no_track to keep protocol static"), issues);
        assertTrue(issues.contains("unknown table 'nosuchtable'"), issues);
        assertTrue(issues.contains("tos not supported yet; the rule is not added"), issues);
    }

    @Test
    void staticEntriesOfTheSample() throws Exception {
        StaticEntries statics = StaticEntries.from(TestConfigs.load(SAMPLE));
        assertEquals(List.of(), statics.issues());
        assertEquals(2, statics.routes().size());
        assertEquals(new AddressPrefix(ip("192.168.212.0"), 24), statics.routes().get(1).route().destination());
        assertEquals(Optional.of(200), statics.routes().get(1).route().scope());
        InterfaceAddress address = statics.addresses().getFirst().toKernel(2);
        assertEquals(ip("10.7.0.255"), address.broadcast().orElseThrow(), "brd + sets the host bits");
        assertEquals(new RoutingRule(false, Optional.of(prefix("10.7.0.0", 24)), Optional.empty(), 7,
                Optional.of(70L), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Route.PROTOCOL_KEEPALIVED), statics.rules().getFirst());
    }

    @Test
    void interfacesOfVipsRoutesAndRulesAreTrackedUnlessNoTrack() {
        VrrpInstanceSettings s = adapt("""
                vrrp_instance R {
                    interface eth0
                    virtual_router_id 8
                    track_interface {
                        eth5 weight -20
                    }
                    virtual_ipaddress {
                        10.1.0.8 dev eth0
                        10.1.1.8 dev eth1
                        10.1.2.8 dev eth2 no_track
                    }
                    virtual_ipaddress_excluded {
                        10.1.3.8 dev eth3
                    }
                    virtual_routes {
                        10.2.0.0/16 via 10.1.0.1 dev eth4
                        10.3.0.0/16 via 10.1.0.1 dev eth5
                        10.4.0.0/16 via 10.1.0.1 dev eth6 no_track
                    }
                    virtual_rules {
                        from 10.1.0.0/24 table 5 iif eth7
                        from 10.1.1.0/24 table 5 iif eth8 no_track
                        from 10.1.2.0/24 table 5 oif eth9
                    }
                }
                """).instances().getFirst();
        assertEquals(List.of("interface eth5", "interface eth1", "interface eth3", "interface eth4", "interface eth7",
                        "interface eth9"), s.trackers().stream().map(TrackerSpec::key).toList());
        assertTrue(s.trackers().stream().allMatch(t -> t.weight().faultMode()),
                "an implicit one faults the instance while down, and takes a configured weight's place: "
                        + s.trackers());
    }

    @Test
    void withDontTrackPrimaryARouteOrRuleOnTheOwnInterfaceTracksItAgainAVipDoesNot() {
        String template = """
                vrrp_instance R {
                    interface eth0
                    virtual_router_id 8
                    %s
                    virtual_ipaddress {
                        10.1.0.8 dev eth0
                    }
                    virtual_routes {
                        %s
                    }
                }
                """;
        assertEquals(List.of("interface eth0"), keys(template.formatted("dont_track_primary",
                "10.2.0.0/16 via 10.1.0.1 dev eth0")), "keepalived: the route's interface weight 0 again");
        assertEquals(List.of(), keys(template.formatted("dont_track_primary", "")), "a VIP on eth0 does not");
        assertEquals(List.of(), keys(template.formatted("", "10.2.0.0/16 via 10.1.0.1 dev eth0")),
                "without dont_track_primary eth0 is the instance's own, tracked as such");
        assertEquals(List.of(), keys(template.formatted("dont_track_primary",
                "10.2.0.0/16 via 10.1.0.1 dev eth0 no_track")));
    }

    @Test
    void withDontTrackPrimaryAVipOnTheVmacDoesNotTrackIt() {
        String template = """
                vrrp_instance R {
                    interface eth0
                    use_vmac
                    virtual_router_id 8
                    %s
                    virtual_ipaddress {
                        10.1.0.8 dev vrrp.8
                    }
                }
                """;
        assertEquals(List.of(), keys(template.formatted("dont_track_primary")), "keepalived skips it");
        assertEquals(List.of("interface vrrp.8"), keys(template.formatted("")),
                "tracked as keepalived does (the VMAC is the instance's own anyway)");
    }

    private static List<String> keys(String config) {
        return adapt(config).instances().getFirst().trackers().stream().map(TrackerSpec::key).toList();
    }
}
