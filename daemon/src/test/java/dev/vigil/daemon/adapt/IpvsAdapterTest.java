package dev.vigil.daemon.adapt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.daemon.controller.RealServerPlan;
import dev.vigil.daemon.controller.VirtualServerPlan;
import dev.vigil.ipvs.AddressFamily;
import dev.vigil.ipvs.Destination;
import dev.vigil.ipvs.ForwardMethod;
import dev.vigil.ipvs.IpAddress;
import dev.vigil.ipvs.Persistence;
import dev.vigil.ipvs.Protocol;
import dev.vigil.ipvs.SchedulerFlag;
import dev.vigil.ipvs.ServiceKey;
import dev.vigil.ipvs.VirtualService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** virtual_server settings → IPVS services and destinations, from configuration text. */
class IpvsAdapterTest {

    @Test
    void schedulerForwardingPersistenceAndThresholds() {
        VirtualServerPlan vs = TestConfigs.plans("""
                virtual_server 10.0.0.1 80 {
                    lb_algo wrr
                    lb_kind DR
                    protocol TCP
                    persistence_timeout 600
                    persistence_granularity 255.255.255.0
                    real_server 10.0.1.1 80 {
                        weight 3
                        uthreshold 100
                        lthreshold 10
                    }
                }
                """).plans().getFirst();
        VirtualService service = vs.services().getFirst();
        assertEquals(ServiceKey.tcp("10.0.0.1", 80), service.key());
        assertEquals("wrr", service.scheduler());
        assertEquals(Optional.of(new Persistence(600, 24)), service.persistence());
        RealServerPlan rs = vs.realServers().getFirst();
        assertEquals(new Destination(IpAddress.of("10.0.1.1"), 80, ForwardMethod.DROUTE, 3, 100, 10),
                rs.destination());
        assertEquals("[10.0.1.1]:tcp:80", rs.endpoint().text());
        assertEquals("[10.0.0.1]:tcp:80", vs.id().text());
    }

    @Test
    void shFlagsOnePacketAndUdp() {
        VirtualService service = TestConfigs.plans("""
                virtual_server 10.0.0.1 53 {
                    lb_algo sh
                    sh-port
                    sh-fallback
                    ops
                    protocol UDP
                    real_server 10.0.1.1 53 {
                    }
                }
                """).plans().getFirst().services().getFirst();
        assertEquals(ServiceKey.udp("10.0.0.1", 53), service.key());
        assertEquals("sh", service.scheduler());
        assertEquals(Set.of(SchedulerFlag.FLAG_1, SchedulerFlag.FLAG_2), service.schedulerFlags());
        assertTrue(service.onePacket());
        assertTrue(service.persistence().isEmpty());
    }

    @Test
    void realAndSorryServersWithoutPortTakeTheServicePortAndNatIsMasq() {
        VirtualServerPlan vs = TestConfigs.plans("""
                virtual_server 10.0.0.1 8080 {
                    lb_algo rr
                    lb_kind NAT
                    sorry_server 10.0.9.9
                    sorry_server_inhibit
                    real_server 10.0.1.1 {
                    }
                }
                """).plans().getFirst();
        assertEquals(8080, vs.realServers().getFirst().destination().port());
        assertEquals(ForwardMethod.MASQ, vs.realServers().getFirst().destination().forward());
        assertEquals(1, vs.realServers().getFirst().destination().weight());
        Destination sorry = vs.sorryServer().orElseThrow().destination();
        assertEquals(Destination.of("10.0.9.9", 8080, ForwardMethod.MASQ, 1), sorry);
        assertTrue(vs.sorryServer().orElseThrow().inhibit());
    }

    @Test
    void fwmarkServiceUsesTheRealServersFamilyAndPrintsWithoutProtocol() {
        VirtualServerPlan vs = TestConfigs.plans("""
                virtual_server fwmark 7 {
                    lb_algo wlc
                    lb_kind DR
                    real_server 2001:db8::10 {
                    }
                }
                """).plans().getFirst();
        assertEquals(new ServiceKey.Fwmark(7, AddressFamily.INET6), vs.services().getFirst().key());
        assertEquals("FWM 7", vs.id().text());
        assertEquals("[2001:db8::10]:none:0", vs.realServers().getFirst().endpoint().text());
        assertEquals(0, vs.realServers().getFirst().destination().port());
    }

    @Test
    void groupExpandsRangesAndFwmarksIntoServices() {
        VirtualServerPlan vs = TestConfigs.plans("""
                virtual_server_group WEB {
                    10.0.0.1-3 80
                    10.0.0.9 443
                    fwmark 5
                }
                virtual_server group WEB {
                    lb_algo rr
                    lb_kind DR
                    real_server 10.0.1.1 {
                    }
                }
                """).plans().getFirst();
        List<ServiceKey> keys = vs.services().stream().map(VirtualService::key).toList();
        assertEquals(List.of(ServiceKey.tcp("10.0.0.1", 80), ServiceKey.tcp("10.0.0.2", 80),
                ServiceKey.tcp("10.0.0.3", 80), ServiceKey.tcp("10.0.0.9", 443),
                new ServiceKey.Fwmark(5, AddressFamily.INET)), keys);
        assertEquals("[WEB]:0", vs.id().text());
        assertTrue(vs.services().stream().allMatch(s -> s.scheduler().equals("rr")));
    }

    @Test
    void ipv6RangeVariesTheLastGroup() {
        ControllerPlans.Result result = TestConfigs.plans("""
                virtual_server_group V6 {
                    2001:db8::fffe-ffff 443
                }
                virtual_server group V6 {
                    lb_algo rr
                    lb_kind DR
                    real_server 2001:db8::1:1 {
                    }
                }
                """);
        VirtualServerPlan vs = result.plans().getFirst();
        assertEquals(List.of(new ServiceKey.Inet(Protocol.TCP, IpAddress.of("2001:db8::fffe"), 443),
                new ServiceKey.Inet(Protocol.TCP, IpAddress.of("2001:db8::ffff"), 443)),
                vs.services().stream().map(VirtualService::key).toList());
        assertTrue(result.issues().isEmpty(), result.issues()::toString);
    }

    @Test
    void aServiceClaimedTwiceStaysWithTheFirstVirtualServer() {
        ControllerPlans.Result result = TestConfigs.plans("""
                virtual_server_group G {
                    10.0.0.1-2 80
                }
                virtual_server group G {
                    lb_algo rr
                    real_server 10.0.1.1 80 {
                    }
                }
                virtual_server 10.0.0.2 80 {
                    lb_algo rr
                    real_server 10.0.1.2 80 {
                    }
                }
                """);
        assertEquals(1, result.plans().size());
        assertEquals(2, result.plans().getFirst().services().size());
        assertTrue(result.issues().stream().anyMatch(i -> i.message().contains("already belongs")),
                result.issues()::toString);
    }

    @Test
    void persistencePrefixes() {
        List<AdaptIssue> issues = new ArrayList<>();
        assertEquals(32, IpvsAdapter.persistencePrefix(Optional.empty(), AddressFamily.INET, "s", issues));
        assertEquals(16, IpvsAdapter.persistencePrefix(Optional.of("255.255.0.0"), AddressFamily.INET, "s", issues));
        assertEquals(32, IpvsAdapter.persistencePrefix(Optional.of("255.255.255.255"), AddressFamily.INET, "s",
                issues));
        assertEquals(64, IpvsAdapter.persistencePrefix(Optional.of("64"), AddressFamily.INET6, "s", issues));
        assertTrue(issues.isEmpty(), issues::toString);
        assertEquals(32, IpvsAdapter.persistencePrefix(Optional.of("255.0.255.0"), AddressFamily.INET, "s", issues));
        assertFalse(issues.isEmpty());
    }
}
