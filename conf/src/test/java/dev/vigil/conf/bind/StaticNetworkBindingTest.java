package dev.vigil.conf.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.common.diag.Severity;
import dev.vigil.conf.model.IpAddress;
import dev.vigil.conf.model.IpPrefix;
import dev.vigil.conf.model.IpRoute;
import dev.vigil.conf.model.IpRule;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StaticNetworkBindingTest {

    @Test
    void staticAddressesNeedADevice() {
        Binding b = Binding.of("""
                static_ipaddress {
                    192.168.1.98/24 dev eth0 scope global
                    192.168.1.99/24
                }
                """).reports("test.conf:3:5: fatal: static address 192.168.1.99/24 needs 'dev IF'");
        assertEquals(1, b.config().staticIpAddresses().size());
        assertTrue(b.diagnostics().has(Severity.FATAL));
    }

    @Test
    void staticRoutesWithGatewaysTablesAndBlackholes() {
        List<IpRoute> routes = Binding.of("""
                static_routes {
                    src 192.168.100.1 to 192.168.109.0/24 via 192.168.200.254 dev eth1
                    192.168.110.0/24 via 192.168.200.254 or 192.168.200.253 dev eth1 table 100 metric 5
                    blackhole 192.168.111.0/24
                    default via 10.0.0.1 mtu lock 1400 no_track
                }
                """).clean().config().staticRoutes();
        assertEquals(4, routes.size());
        IpRoute first = routes.get(0);
        assertEquals(IpPrefix.of("192.168.109.0/24"), first.destination());
        assertEquals(Optional.of(IpAddress.of("192.168.100.1")), first.source());
        assertEquals(Optional.of(IpAddress.of("192.168.200.254")), first.via());
        assertEquals(Optional.of("eth1"), first.device());
        assertEquals(List.of(IpAddress.of("192.168.200.253")), routes.get(1).alternateGateways());
        assertEquals(Optional.of("100"), routes.get(1).table());
        assertEquals(Optional.of(5L), routes.get(1).metric());
        assertEquals("blackhole", routes.get(2).type());
        assertEquals(IpPrefix.of("0.0.0.0/0"), routes.get(3).destination());
        assertEquals("lock 1400", routes.get(3).otherOptions().get("mtu"));
        assertTrue(routes.get(3).noTrack());
    }

    @Test
    void virtualRoutesAndRulesInAnInstance() {
        Binding b = Binding.of("""
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 1
                    virtual_routes {
                        10.1.0.0/16 gw 10.0.0.254
                    }
                    virtual_rules {
                        from 192.168.2.0/24 table 100
                        to 192.168.3.0/24 lookup main priority 200 no_track
                    }
                }
                """).reports("test.conf:5:21: warning: 'gw' in routes is deprecated; use 'via'");
        var vi = b.config().vrrpInstances().getFirst();
        assertEquals(Optional.of(IpAddress.of("10.0.0.254")), vi.virtualRoutes().getFirst().via());
        IpRule second = vi.virtualRules().get(1);
        assertEquals(Optional.of(IpPrefix.of("192.168.3.0/24")), second.to());
        assertEquals(Optional.of("main"), second.table());
        assertEquals(Optional.of(200L), second.priority());
        assertTrue(second.noTrack());
    }

    @Test
    void malformedRulesAndRoutesAreReportedAndDropped() {
        Binding b = Binding.of("""
                static_rules {
                    from 192.168.100./24 table 1
                    from 10.0.0.0/8 frobnicate 3
                }
                static_routes {
                    10.0.0.0/8 via 2001:db8::1
                }
                """).reports("test.conf:2:10: error: rule from '192.168.100./24' is not an address[/prefix]; ignoring it")
                .reports("test.conf:3:21: error: unknown rule option 'frobnicate'; ignoring this rule")
                .reports("test.conf:6:5: error: cannot mix IPv4 and IPv6 addresses in a route; ignoring it");
        assertTrue(b.config().staticRules().isEmpty());
        assertTrue(b.config().staticRoutes().isEmpty());
    }
}
