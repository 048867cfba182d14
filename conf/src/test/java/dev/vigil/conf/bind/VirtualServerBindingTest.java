package dev.vigil.conf.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.conf.model.AddressFamily;
import dev.vigil.conf.model.Forwarding;
import dev.vigil.conf.model.IpAddress;
import dev.vigil.conf.model.LvsScheduler;
import dev.vigil.conf.model.Protocol;
import dev.vigil.conf.model.RealServer;
import dev.vigil.conf.model.SchedulerFlag;
import dev.vigil.conf.model.ServiceKey;
import dev.vigil.conf.model.VirtualServer;
import dev.vigil.conf.model.VsgEntry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import dev.vigil.conf.model.ProxyProtocolVersion;
import org.junit.jupiter.api.Test;

class VirtualServerBindingTest {

    private static VirtualServer only(Binding b) {
        assertEquals(1, b.config().virtualServers().size(), () -> String.join("\n", b.all()));
        return b.config().virtualServers().getFirst();
    }

    @Test
    void addressServiceWithDefaults() {
        VirtualServer vs = only(Binding.of("""
                virtual_server 192.168.200.100 443 {
                    lb_algo rr
                    real_server 192.168.201.100 443 {
                    }
                }
                """).clean());
        assertEquals(new ServiceKey.Address(IpAddress.of("192.168.200.100"), Optional.of(443)), vs.key());
        assertEquals(AddressFamily.INET, vs.family());
        assertEquals(Protocol.TCP, vs.protocol());
        assertEquals(LvsScheduler.RR, vs.scheduler());
        assertEquals(Forwarding.Method.NAT, vs.forwarding().method());
        assertEquals(Duration.ofSeconds(60), vs.delayLoop());
        assertEquals(Duration.ofSeconds(5), vs.connectTimeout());
        assertEquals(1, vs.quorum());
        assertEquals(0, vs.hysteresis());
        assertEquals(Optional.empty(), vs.persistenceTimeout());
        assertFalse(vs.smtpAlert());
        RealServer rs = vs.realServers().getFirst();
        assertEquals(1, rs.weight());
        assertTrue(rs.smtpAlert());
        assertTrue(rs.checkers().isEmpty());
    }

    @Test
    void fullServiceDefinition() {
        VirtualServer vs = only(Binding.of("""
                virtual_server 10.10.10.2 1358 {
                    delay_loop 6
                    lb_algo sh
                    sh-port
                    ops
                    lb_kind DR
                    persistence_timeout
                    persistence_granularity 255.255.255.0
                    protocol UDP
                    quorum 2
                    hysteresis 1
                    quorum_up "/bin/up.sh"
                    alpha
                    omega
                    inhibit_on_failure
                    sorry_server 192.168.200.200 1358
                    sorry_server_inhibit
                    real_server 10.10.10.3 1358 {
                        weight 2
                        uthreshold 100
                        lthreshold 10
                        notify_down "/bin/down.sh"
                    }
                }
                """).clean());
        assertEquals(List.of(SchedulerFlag.SH_PORT, SchedulerFlag.ONE_PACKET), vs.schedulerFlags());
        assertEquals(Forwarding.Method.DR, vs.forwarding().method());
        assertEquals(Optional.of(Duration.ofSeconds(360)), vs.persistenceTimeout());
        assertEquals(Optional.of("255.255.255.0"), vs.persistenceGranularity());
        assertEquals(Protocol.UDP, vs.protocol());
        assertEquals(2, vs.quorum());
        assertEquals(1, vs.hysteresis());
        assertTrue(vs.alpha() && vs.omega() && vs.inhibitOnFailure());
        assertTrue(vs.sorryServer().orElseThrow().inhibit());
        assertEquals(Forwarding.Method.DR, vs.sorryServer().orElseThrow().forwarding().method());
        RealServer rs = vs.realServers().getFirst();
        assertEquals(Forwarding.Method.DR, rs.forwarding().method());
        assertTrue(rs.inhibitOnFailure());
        assertEquals(Optional.of(100L), rs.upperThreshold());
        assertEquals("/bin/down.sh", rs.notifyDown().orElseThrow().command());
    }

    @Test
    void fwmarkServiceAndTunnelForwarding() {
        VirtualServer vs = only(Binding.of("""
                virtual_server fwmark 1 {
                    lb_algo wlc
                    lvs_method TUN type gue port 6080 nocsum
                    persistence_timeout 50
                    real_server 192.168.201.100 {
                    }
                }
                """).clean());
        assertEquals(new ServiceKey.Fwmark(1), vs.key());
        assertEquals(AddressFamily.INET, vs.family());
        assertEquals(new Forwarding(Forwarding.Method.TUN, Optional.of("gue"), Optional.of(6080),
                Optional.of("nocsum")), vs.forwarding());
        assertEquals(Optional.of(Duration.ofSeconds(50)), vs.persistenceTimeout());
    }

    @Test
    void virtualServerGroupRangesAndReference() {
        Binding b = Binding.of("""
                virtual_server_group VSG_1 {
                    10.0.0.1 8080
                    192.168.200.3-10 80
                    10.1.0.0/30 443
                    2001:db8::2-1f 80
                    fwmark 1
                    fwmark 2 inet6
                }
                virtual_server group VSG_1 {
                    lb_algo rr
                    real_server 192.168.200.1 80 {
                    }
                }
                """).clean();
        var entries = b.config().virtualServerGroups().getFirst().entries();
        assertEquals(6, entries.size());
        assertEquals(new VsgEntry.AddressRange(IpAddress.of("192.168.200.3"), IpAddress.of("192.168.200.10"),
                Optional.of(80)), entries.get(1));
        assertEquals(new VsgEntry.AddressRange(IpAddress.of("10.1.0.0"), IpAddress.of("10.1.0.3"),
                Optional.of(443)), entries.get(2));
        assertEquals(IpAddress.of("2001:db8::1f"), ((VsgEntry.AddressRange) entries.get(3)).last());
        assertEquals(new VsgEntry.Fwmark(2, Optional.of(AddressFamily.INET6)), entries.get(5));
        assertEquals(new ServiceKey.Group("VSG_1"), only(b).key());
    }

    @Test
    void badRangesAndUndefinedGroups() {
        Binding b = Binding.of("""
                virtual_server_group G {
                    192.168.200.10-3 80
                }
                virtual_server group G {
                    lb_algo rr
                    real_server 192.168.200.1 80 {
                    }
                }
                """).reports("test.conf:2:5: error: range end '3' must be from 10 to 255; ignoring this range")
                .reports("test.conf:1:22: error: virtual_server_group G has no entries; removing it")
                .reports("test.conf:4:22: error: virtual_server_group G is not defined; ignoring this virtual_server");
        assertTrue(b.config().virtualServers().isEmpty());
    }

    @Test
    void validationFallbacks() {
        Binding b = Binding.of("""
                virtual_server 192.168.200.100 0 {
                    lb_algo fastest
                    lb_kind NAT2
                    protocol ICMP
                    quorum 5
                    hysteresis 9
                    real_server 192.168.201.100 80 {
                        weight 2
                    }
                    real_server 2001:db8::1 80 {
                    }
                }
                """);
        b.reports("test.conf:2:13: error: unknown lvs scheduler 'fastest'; ignoring it")
                .reports("test.conf:3:13: error: unknown forwarding method 'NAT2' (expected NAT, DR or TUN);"
                        + " ignoring it")
                .reports("test.conf:4:14: error: unknown protocol 'ICMP' (expected TCP, UDP or SCTP); ignoring it")
                .reports("test.conf:10:17: error: real_server 2001:db8::1 is not in the virtual server's address"
                        + " family; ignoring it")
                .reports("test.conf:1:16: error: virtual_server 192.168.200.100 0 has no lb_algo; using wlc")
                .reports("test.conf:5:5: error: quorum 5 of virtual_server 192.168.200.100 0 exceeds the real"
                        + " servers' total weight 2; using 2")
                .reports("test.conf:6:5: error: hysteresis 9 of virtual_server 192.168.200.100 0 must be below"
                        + " quorum 2; using 1")
                .reports("test.conf:1:16: error: virtual_server 192.168.200.100 0: port 0 is only valid for"
                        + " persistent services; using persistence_timeout 360");
        VirtualServer vs = only(b);
        assertEquals(LvsScheduler.WLC, vs.scheduler());
        assertEquals(2, vs.quorum());
        assertEquals(1, vs.hysteresis());
        assertEquals(1, vs.realServers().size());
    }

    @Test
    void virtualServerWithoutRealServersIsDropped() {
        Binding b = Binding.of("""
                virtual_server 10.0.0.1 80 {
                    lb_algo rr
                }
                """).reports("test.conf:1:16: error: virtual_server 10.0.0.1 80 has no real servers; ignoring it");
        assertTrue(b.config().virtualServers().isEmpty());
    }

    @Test
    void directRoutingForcesTheServicePort() {
        VirtualServer vs = only(Binding.of("""
                virtual_server 10.0.0.1 80 {
                    lb_algo rr
                    lb_kind DR
                    real_server 10.0.0.2 8080 {
                    }
                }
                """).reports("test.conf:4:26: error: real_server port 8080 differs from the virtual server's port 80"
                + " without NAT; using 80"));
        assertEquals(Optional.of(80), vs.realServers().getFirst().port());
    }

    @Test
    void shFlagsNeedTheShScheduler() {
        VirtualServer vs = only(Binding.of("""
                virtual_server 10.0.0.1 80 {
                    lb_algo rr
                    sh-fallback
                    real_server 10.0.0.2 80 {
                    }
                }
                """).reports("test.conf:3:5: error: sh-fallback only applies to the sh scheduler; ignoring it"));
        assertTrue(vs.schedulerFlags().isEmpty());
    }

    @Test
    void globalSmtpAlertDecidesRealServerDefault() {
        VirtualServer vs = only(Binding.of("""
                global_defs {
                    smtp_alert_checker off
                }
                virtual_server 10.0.0.1 80 {
                    lb_algo rr
                    real_server 10.0.0.2 80 {
                    }
                    real_server 10.0.0.3 80 {
                        smtp_alert
                    }
                }
                """).clean());
        assertFalse(vs.realServers().get(0).smtpAlert());
        assertTrue(vs.realServers().get(1).smtpAlert());
        assertFalse(vs.smtpAlert());
    }

    @Test
    void sslBlockIsBound() {
        var ssl = Binding.of("""
                SSL {
                    password secret
                    ca /etc/ssl/ca.pem
                    certificate /etc/ssl/cert.pem
                    key /etc/ssl/key.pem
                }
                """).clean().config().ssl().orElseThrow();
        assertEquals(Optional.of("/etc/ssl/key.pem"), ssl.key());
        assertEquals(Optional.of("secret"), ssl.password());
    }

    @Test
    void proxyProtocolIsAVigilExtensionForTcpServices() {
        VirtualServer vs = only(Binding.of("""
                virtual_server 10.0.0.1 80 {
                    lb_algo rr
                    proxy_protocol v2
                    real_server 10.0.1.1 80 {
                    }
                }
                """).clean());
        assertEquals(Optional.of(ProxyProtocolVersion.V2), vs.proxyProtocol());
        assertEquals(Support.EXTENSION, new ConfigBinder().keywordTables().get("virtual_server").stream()
                .filter(k -> k.keyword().equals("proxy_protocol")).findFirst().orElseThrow().support());
    }

    @Test
    void proxyProtocolOnUdpOrUnknownVersionIsReportedAndIgnored() {
        VirtualServer udp = only(Binding.of("""
                virtual_server 10.0.0.1 53 {
                    lb_algo rr
                    protocol UDP
                    proxy_protocol v1
                    real_server 10.0.1.1 53 {
                    }
                }
                """).reports("test.conf:4:20: error: proxy_protocol applies to TCP virtual servers only; ignoring it"
                + " for UDP virtual_server 10.0.0.1 53"));
        assertEquals(Optional.empty(), udp.proxyProtocol());
        Binding.of("""
                virtual_server 10.0.0.1 80 {
                    lb_algo rr
                    proxy_protocol v3
                    real_server 10.0.1.1 80 {
                    }
                }
                """).reports("test.conf:3:20: error: unknown proxy_protocol 'v3': use v1 or v2; ignoring it");
    }
}
