package dev.vigil.conf.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.common.diag.Severity;
import dev.vigil.conf.model.AddressFamily;
import dev.vigil.conf.model.IpAddress;
import dev.vigil.conf.model.VirtualIpAddress;
import dev.vigil.conf.model.VrrpAuthentication;
import dev.vigil.conf.model.VrrpInstance;
import dev.vigil.conf.model.VrrpState;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VrrpInstanceBindingTest {

    private static VrrpInstance only(Binding b) {
        assertEquals(1, b.config().vrrpInstances().size(), () -> String.join("\n", b.all()));
        return b.config().vrrpInstances().getFirst();
    }

    @Test
    void minimalInstanceGetsKeepalivedDefaults() {
        VrrpInstance vi = only(Binding.of("""
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 51
                    virtual_ipaddress {
                        192.168.200.16
                    }
                }
                """).clean());
        assertEquals(VrrpState.BACKUP, vi.initialState());
        assertEquals(100, vi.priority());
        assertEquals(Duration.ofSeconds(1), vi.advertInterval());
        assertEquals(2, vi.version());
        assertEquals(AddressFamily.INET, vi.family());
        assertEquals(Optional.of(IpAddress.of("224.0.0.18")), vi.multicastGroup());
        assertEquals("192.168.200.16/32", vi.virtualIpAddresses().getFirst().address().toString());
        assertEquals(Duration.ofSeconds(5), vi.garp().masterDelay());
        assertEquals(5, vi.garp().masterRepeat());
        assertEquals(Duration.ofSeconds(5), vi.garp().lowerPrioDelay());
        assertEquals(5, vi.garp().lowerPrioRepeat());
        assertEquals(3, vi.downTimerAdverts());
        assertTrue(vi.accept());
        assertFalse(vi.nopreempt());
        assertFalse(vi.smtpAlert());
    }

    @Test
    void masterWithoutPriorityIsTheOwnerAndOwnerPriorityImpliesMaster() {
        VrrpInstance master = only(Binding.of("""
                vrrp_instance A {
                    state MASTER
                    interface eth0
                    virtual_router_id 1
                }
                """).clean());
        assertEquals(255, master.priority());
        VrrpInstance owner = only(Binding.of("""
                vrrp_instance B {
                    interface eth0
                    virtual_router_id 1
                    priority 255
                }
                """).clean());
        assertEquals(VrrpState.MASTER, owner.initialState());
    }

    @Test
    void priorityOutOfRangeFallsBackToDefaultAtTheValue() {
        VrrpInstance vi = only(Binding.of("""
                vrrp_instance VI_1 {
                    state MASTER
                    interface eth0
                    virtual_router_id 51
                    priority 300
                }
                """).reports("test.conf:5:14: error: priority 300 is outside 1..255; using the default 100"));
        assertEquals(100, vi.priority());
        assertEquals(VrrpState.MASTER, vi.initialState());
    }

    @Test
    void missingVridOrInterfaceIsFatal() {
        Binding b = Binding.of("""
                vrrp_instance VI_1 {
                    virtual_router_id 256
                }
                """);
        b.reports("test.conf:2:23: error: virtual_router_id 256 is outside 1..255; ignoring it")
                .reports("test.conf:1:15: fatal: (VI_1) virtual_router_id must be set")
                .reports("test.conf:1:15: fatal: (VI_1) no interface given");
        assertTrue(b.config().vrrpInstances().isEmpty());
    }

    @Test
    void v2AdvertIntervalIsRoundedToWholeSeconds() {
        Binding b = Binding.of("""
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 51
                    advert_int 1.5
                }
                """).reports("test.conf:4:5: error: (VI_1) VRRPv2 advert_int 1.5 must be whole seconds; rounding to 2");
        assertEquals(Duration.ofSeconds(2), only(b).advertInterval());
    }

    @Test
    void v3AdvertIntervalKeepsCentiseconds() {
        VrrpInstance vi = only(Binding.of("""
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 51
                    version 3
                    advert_int 0.05
                }
                """).clean());
        assertEquals(Duration.ofMillis(50), vi.advertInterval());
        Binding rounded = Binding.of("""
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 51
                    version 3
                    advert_int 0.055
                }
                """).reports("test.conf:5:5: error: (VI_1) VRRPv3 advert_int 0.055 must be a multiple of 10 ms;"
                + " rounding to 0.06");
        assertEquals(Duration.ofMillis(60), only(rounded).advertInterval());
    }

    @Test
    void ipv6InstancesDefaultToVersion3AndTheIpv6Group() {
        VrrpInstance vi = only(Binding.of("""
                vrrp_instance V6 {
                    interface eth0
                    virtual_router_id 7
                    virtual_ipaddress {
                        fe80::1/64
                        2001:db8::10/64
                    }
                }
                """).clean());
        assertEquals(3, vi.version());
        assertEquals(AddressFamily.INET6, vi.family());
        assertEquals(Optional.of(IpAddress.of("ff02::12")), vi.multicastGroup());
    }

    @Test
    void globalVersionAndStrictModeApply() {
        Binding b = Binding.of("""
                global_defs {
                    vrrp_version 3
                    vrrp_strict
                }
                vrrp_instance VI_1 {
                    state MASTER
                    interface eth0
                    virtual_router_id 51
                    priority 100
                    authentication {
                        auth_type PASS
                        auth_pass secret
                    }
                }
                """);
        b.reports("test.conf:6:11: error: (VI_1) in strict mode state MASTER must go with priority 255; using BACKUP")
                .reports("test.conf:10:5: error: (VI_1) authentication is not supported in strict mode; using none");
        VrrpInstance vi = only(b);
        assertEquals(3, vi.version());
        assertTrue(vi.strict());
        assertFalse(vi.accept());
        assertTrue(vi.lowerPrioNoAdvert());
        assertEquals(0, vi.garp().lowerPrioRepeat());
        assertEquals(VrrpState.BACKUP, vi.initialState());
    }

    @Test
    void passwordIsCutToEightCharacters() {
        Binding b = Binding.of("""
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 51
                    authentication {
                        auth_type PASS
                        auth_pass 0123456789
                    }
                }
                """).reports("test.conf:6:19: warning: auth_pass is longer than 8 characters; using '01234567'");
        assertEquals(Optional.of(new VrrpAuthentication(VrrpAuthentication.Type.PASS, "01234567")),
                only(b).authentication());
    }

    @Test
    void authenticationIsDroppedForVersion3() {
        Binding b = Binding.of("""
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 51
                    version 3
                    authentication {
                        auth_type AH
                        auth_pass x
                    }
                }
                """).reports("test.conf:5:5: error: (VI_1) authentication is not supported by VRRP version 3;"
                + " using none");
        assertTrue(only(b).authentication().isEmpty());
    }

    @Test
    void vipOptionsAreParsed() {
        VirtualIpAddress vip = only(Binding.of("""
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 51
                    virtual_ipaddress {
                        10.0.0.1/24 brd 10.0.0.255 dev eth1 scope global label eth1:vip noprefixroute no_track
                    }
                }
                """).clean()).virtualIpAddresses().getFirst();
        assertEquals("10.0.0.1/24", vip.address().toString());
        assertEquals(Optional.of("10.0.0.255"), vip.broadcast());
        assertEquals(Optional.of("eth1"), vip.device());
        assertEquals(Optional.of("global"), vip.scope());
        assertEquals(Optional.of("eth1:vip"), vip.label());
        assertTrue(vip.noPrefixRoute());
        assertTrue(vip.noTrack());
    }

    @Test
    void mixedFamilyVipIsDroppedButExcludedMayDiffer() {
        Binding b = Binding.of("""
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 51
                    virtual_ipaddress {
                        10.0.0.1
                        2001:db8::1
                    }
                    virtual_ipaddress_excluded {
                        2001:db8::2
                    }
                }
                """).reports("test.conf:6:9: error: (VI_1) virtual_ipaddress 2001:db8::1/128 is not IPv4 like the"
                + " instance; ignoring it");
        assertEquals(1, only(b).virtualIpAddresses().size());
        assertEquals(1, only(b).excludedVirtualIpAddresses().size());
    }

    @Test
    void badAddressIsReportedAtTheWord() {
        Binding.of("""
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 51
                    virtual_ipaddress {
                        192.168.100./24
                    }
                }
                """).reports("test.conf:5:9: error: '192.168.100./24' is not a valid IP address; ignoring this address");
    }

    @Test
    void unicastPeersAndTtl() {
        VrrpInstance vi = only(Binding.of("""
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 51
                    unicast_src_ip 10.0.0.1
                    unicast_ttl 10
                    unicast_peer {
                        10.0.0.2
                        10.0.0.3 min_ttl 5 max_ttl 64
                    }
                }
                """).clean());
        assertTrue(vi.unicast());
        assertEquals(2, vi.unicastPeers().size());
        assertEquals(Optional.of(5), vi.unicastPeers().get(1).minTtl());
        assertEquals(Optional.of(10), vi.unicastTtl());
        assertTrue(vi.multicastGroup().isEmpty());
        assertEquals(Optional.of(IpAddress.of("10.0.0.1")), vi.sourceAddress());
    }

    @Test
    void unicastSourceWithoutPeersFallsBackToMulticastWithAWarning() {
        Binding b = Binding.of("""
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 51
                    unicast_src_ip 10.0.0.1
                }
                """).reports("test.conf:1:15: warning: (VI_1) a unicast keyword without unicast_peer is deprecated;"
                + " using multicast");
        assertFalse(only(b).unicast());
    }

    @Test
    void preemptionRules() {
        Binding b = Binding.of("""
                vrrp_instance VI_1 {
                    state MASTER
                    interface eth0
                    virtual_router_id 51
                    priority 150
                    nopreempt
                    preempt_delay 10
                }
                """).reports("test.conf:6:5: error: (VI_1) nopreempt does not work with initial state MASTER;"
                + " ignoring nopreempt")
                .reports("test.conf:7:5: error: (VI_1) preempt_delay does not work with initial state MASTER; using 0");
        assertFalse(only(b).nopreempt());
        assertEquals(Duration.ZERO, only(b).preemptDelay());
        VrrpInstance backup = only(Binding.of("""
                vrrp_instance VI_1 {
                    state BACKUP
                    interface eth0
                    virtual_router_id 51
                    preempt_delay 2.5
                }
                """).clean());
        assertEquals(Duration.ofMillis(2500), backup.preemptDelay());
    }

    @Test
    void trackInterfaceWeights() {
        Binding b = Binding.of("""
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 51
                    track_interface {
                        eth1
                        eth2 weight -20 reverse
                        eth3 weight 254
                        eth4 weight 300
                    }
                }
                """).reports("test.conf:7:21: error: weight 254 for eth3 is outside -253..253; using 253")
                .reports("test.conf:8:21: error: weight 300 for eth4 is outside -253..253; using 0");
        var tracked = only(b).trackInterfaces();
        assertEquals(4, tracked.size());
        assertEquals(0, tracked.get(0).weight());
        assertEquals(-20, tracked.get(1).weight());
        assertTrue(tracked.get(1).reverse());
        assertEquals(253, tracked.get(2).weight());
    }

    @Test
    void notifyScriptsAndGlobalSmtpAlert() {
        VrrpInstance vi = only(Binding.of("""
                global_defs {
                    smtp_alert
                }
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 51
                    notify_master "/usr/local/bin/master.sh VI_1 up" root
                    notify /usr/local/bin/notify.sh
                    notify_deleted
                }
                """).clean());
        assertEquals("/usr/local/bin/master.sh VI_1 up", vi.notifyScripts().master().orElseThrow().command());
        assertEquals("root", vi.notifyScripts().master().orElseThrow().runAs().orElseThrow().user());
        assertTrue(vi.notifyScripts().any().isPresent());
        assertTrue(vi.notifyScripts().notifyDeleted());
        assertTrue(vi.smtpAlert());
    }

    @Test
    void duplicateVridOnSameInterfaceIsAnError() {
        Binding b = Binding.of("""
                vrrp_instance A {
                    interface eth0
                    virtual_router_id 51
                }
                vrrp_instance B {
                    interface eth0
                    virtual_router_id 51
                }
                """).reports("test.conf:7:5: error: (B) VRID 51 is already used by A on the same interface and"
                + " address family");
        assertEquals(2, b.config().vrrpInstances().size());
        assertTrue(b.diagnostics().has(Severity.ERROR));
    }

    @Test
    void knownButInertKeywordsAreNotedNotWarned() {
        Binding b = Binding.of("""
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 51
                    debug 2
                    lvs_sync_daemon_interface eth1
                }
                """).clean().reports("test.conf:4:5: note: 'debug' accepted, no effect in Vigil");
        assertEquals(2, b.config().noEffect().size());
        assertEquals("vrrp_instance", b.config().noEffect().getFirst().block());
    }

    @Test
    void misspeltKeywordIsAWarningAndBindingContinues() {
        Binding b = Binding.of("""
                vrrp_instance VI_1 {
                    interface eth0
                    lvs_sync_daemon_inteface eth0
                    virtual_router_id 51
                }
                """).reports("test.conf:3:5: warning: unknown keyword 'lvs_sync_daemon_inteface'");
        assertEquals(51, only(b).virtualRouterId());
        assertFalse(b.diagnostics().has(Severity.ERROR));
    }

    @Test
    void firstIpv6VipShouldBeLinkLocal() {
        Binding b = Binding.of("""
                vrrp_instance V6 {
                    interface eth0
                    virtual_router_id 7
                    virtual_ipaddress {
                        2001:db8::10/64
                    }
                }
                """).reports("test.conf:5:9: warning: (V6) the first IPv6 virtual_ipaddress should be link-local"
                + " (RFC 5798 5.2.9)");
        assertFalse(b.diagnostics().has(Severity.ERROR));
    }
}
