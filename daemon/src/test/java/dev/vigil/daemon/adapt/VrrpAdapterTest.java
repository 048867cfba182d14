package dev.vigil.daemon.adapt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.linux.packet.MacAddress;
import dev.vigil.vrrp.codec.AddressFamily;
import dev.vigil.vrrp.codec.AuthType;
import dev.vigil.vrrp.codec.UnicastPeer;
import dev.vigil.vrrp.codec.VrrpVersion;
import dev.vigil.vrrp.runtime.VirtualAddress;
import dev.vigil.vrrp.runtime.VirtualMac;
import dev.vigil.vrrp.runtime.VrrpInstanceSettings;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VrrpAdapterTest {

    private static VrrpAdapter.Result adapt(String text) {
        var config = TestConfigs.load(text);
        return VrrpAdapter.from(config, TestConfigs.trusting(config, "root"));
    }

    private static InetAddress ip(String text) {
        return InetAddress.ofLiteral(text);
    }

    @Test
    void aPlainV2InstanceKeepsEveryCoreSetting() {
        VrrpAdapter.Result result = adapt("""
                vrrp_instance VI_1 {
                    state MASTER
                    interface eth0
                    virtual_router_id 51
                    priority 150
                    advert_int 2
                    authentication {
                        auth_type PASS
                        auth_pass secret
                    }
                    virtual_ipaddress {
                        10.1.0.100/24 dev eth1 label eth1:vip
                        10.1.0.101
                    }
                }
                """);
        assertEquals(List.of(), result.issues());
        assertEquals(1, result.instances().size());
        VrrpInstanceSettings s = result.instances().getFirst();
        assertEquals("VI_1", s.name());
        assertEquals("eth0", s.interfaceName());
        assertEquals(51, s.vrid());
        assertEquals(VrrpVersion.V2, s.version());
        assertEquals(AddressFamily.IPV4, s.family());
        assertEquals(150, s.priority());
        assertEquals(200, s.advertIntervalCentis());
        assertEquals(AuthType.PASS, s.authType());
        assertEquals("secret", s.password());
        assertTrue(s.startAsMaster());
        assertFalse(s.unicast());
        assertEquals(List.of(
                new VirtualAddress(ip("10.1.0.100"), 24, Optional.of("eth1:vip"), Optional.of("eth1")),
                VirtualAddress.of(ip("10.1.0.101"), 32)), s.vips());
        assertEquals("VI_1", result.notifies().getFirst().instance());
    }

    @Test
    void v3IntervalsAreCentiseconds() {
        VrrpInstanceSettings s = adapt("""
                vrrp_instance V3 {
                    interface eth0
                    virtual_router_id 7
                    version 3
                    advert_int 0.05
                    virtual_ipaddress {
                        10.1.0.7
                    }
                }
                """).instances().getFirst();
        assertEquals(VrrpVersion.V3, s.version());
        assertEquals(5, s.advertIntervalCentis());
        assertFalse(s.startAsMaster());
        assertEquals(100, s.priority(), "keepalived's default priority");
    }

    @Test
    void unicastPeersSourcePreemptAndGarpCarryOver() {
        VrrpInstanceSettings s = adapt("""
                global_defs {
                    vrrp_garp_interval 0.01
                }
                vrrp_instance U {
                    state BACKUP
                    interface eth0
                    virtual_router_id 9
                    priority 90
                    nopreempt
                    garp_master_delay 2
                    garp_master_repeat 3
                    unicast_src_ip 10.1.0.1
                    unicast_peer {
                        10.1.0.2
                        10.1.0.3 min_ttl 10 max_ttl 64
                    }
                    virtual_ipaddress {
                        10.1.0.9
                    }
                }
                """).instances().getFirst();
        assertTrue(s.unicast());
        assertEquals(Optional.of(ip("10.1.0.1")), s.unicastSource());
        assertEquals(List.of(UnicastPeer.of(ip("10.1.0.2")), new UnicastPeer(ip("10.1.0.3"), 10, 64)),
                s.unicastPeers());
        assertEquals(Optional.empty(), s.multicastSource());
        assertTrue(s.nopreempt());
        assertEquals(Duration.ofSeconds(2), s.garp().masterDelay());
        assertEquals(3, s.garp().masterRepeat());
        assertEquals(Duration.ofMillis(10), s.garp().interval());
    }

    @Test
    void mcastSourceAndPreemptDelay() {
        VrrpInstanceSettings s = adapt("""
                vrrp_instance M {
                    interface eth0
                    virtual_router_id 10
                    mcast_src_ip 10.1.0.1
                    preempt_delay 15
                    virtual_ipaddress {
                        10.1.0.10
                    }
                }
                """).instances().getFirst();
        assertEquals(Optional.of(ip("10.1.0.1")), s.multicastSource());
        assertEquals(Optional.empty(), s.unicastSource());
        assertEquals(Duration.ofSeconds(15), s.preemptDelay());
        assertFalse(s.nopreempt());
    }

    @Test
    void ipv6InstancesAreV3WithTheirFamily() {
        VrrpInstanceSettings s = adapt("""
                vrrp_instance V6 {
                    interface eth0
                    virtual_router_id 11
                    virtual_ipaddress {
                        fe80::11/64
                        fd00::11/64
                    }
                }
                """).instances().getFirst();
        assertEquals(AddressFamily.IPV6, s.family());
        assertEquals(VrrpVersion.V3, s.version());
        assertEquals(List.of(VirtualAddress.of(ip("fe80::11"), 64), VirtualAddress.of(ip("fd00::11"), 64)), s.vips());
    }

    @Test
    void useVmacAndACustomGroupRunAsKeepalivedNamesThem() {
        VrrpAdapter.Result result = VrrpAdapter.from(TestConfigs.load("""
                global_defs {
                    vrrp_mcast_group4 224.0.0.99
                }
                vrrp_instance PLAIN {
                    interface eth0
                    virtual_router_id 1
                    virtual_ipaddress {
                        10.1.0.1
                    }
                }
                vrrp_instance VMAC {
                    interface eth0
                    virtual_router_id 2
                    use_vmac
                    mcast_dst_ip 224.0.0.18
                    virtual_ipaddress {
                        10.1.0.2
                    }
                }
                vrrp_instance NAMED {
                    interface eth0
                    virtual_router_id 3
                    use_vmac vmx 02:aa:bb:cc:dd group 4 netlink_notify_msg
                    vmac_xmit_base
                    virtual_ipaddress {
                        10.1.0.3
                    }
                }
                """));
        assertEquals(List.of("PLAIN", "VMAC", "NAMED"),
                result.instances().stream().map(VrrpInstanceSettings::name).toList());
        VrrpInstanceSettings plain = result.instances().get(0);
        assertEquals(Optional.empty(), plain.virtualMac());
        assertEquals(Optional.of(ip("224.0.0.99")), plain.multicastGroup());
        VrrpInstanceSettings vmac = result.instances().get(1);
        assertEquals(Optional.of(new VirtualMac("vrrp.2", MacAddress.parse("00:00:5e:00:01:02").orElseThrow(), false,
                Optional.empty())), vmac.virtualMac());
        assertEquals(Optional.empty(), vmac.multicastGroup(), "the IANA group is the runtime's default");
        assertEquals("vrrp.2", vmac.advertInterface());
        VrrpInstanceSettings named = result.instances().get(2);
        assertEquals(Optional.of(new VirtualMac("vmx", MacAddress.parse("02:aa:bb:cc:dd:03").orElseThrow(), true,
                Optional.of(4))), named.virtualMac());
        assertEquals("eth0", named.advertInterface());
        assertEquals("vmx", named.vipInterface());
        assertTrue(result.issues().stream().anyMatch(i -> i.subject().equals("(NAMED)")
                && i.message().contains("netlink_notify_msg")), result.issues()::toString);
    }

    @Test
    void ipv6VmacGetsTheIpv6RouterMacAndVmacPrefixNamesIt() {
        VrrpAdapter.Result result = VrrpAdapter.from(TestConfigs.load("""
                global_defs {
                    vmac_prefix vr6
                    vrrp_mcast_group6 ff02::1:12
                }
                vrrp_instance V6 {
                    interface eth0
                    virtual_router_id 200
                    version 3
                    use_vmac
                    virtual_ipaddress {
                        fe80::200/64
                        fd00::200/64
                    }
                }
                """));
        VrrpInstanceSettings v6 = result.instances().getFirst();
        assertEquals(Optional.of(new VirtualMac("vr6.200", MacAddress.parse("00:00:5e:00:02:c8").orElseThrow(), false,
                Optional.empty())), v6.virtualMac());
        assertEquals(Optional.of(ip("ff02::1:12")), v6.multicastGroup());
    }

    @Test
    void authTypeAhRunsWithItsPasswordAsTheKey() {
        var loaded = new dev.vigil.conf.ConfigLoader(dev.vigil.conf.parse.ReadOptions.defaults()).loadText("t.conf", """
                vrrp_instance AH {
                    state MASTER
                    interface eth0
                    virtual_router_id 3
                    priority 150
                    authentication {
                        auth_type AH
                        auth_pass secret
                    }
                    virtual_ipaddress {
                        10.1.0.3
                    }
                }
                """, java.nio.file.Path.of("."));
        VrrpAdapter.Result result = VrrpAdapter.from(loaded.config().orElseThrow());
        VrrpInstanceSettings settings = result.instances().getFirst();
        assertEquals(dev.vigil.vrrp.codec.AuthType.AH, settings.authType());
        assertEquals("secret", settings.password());
        // keepalived: AH with state MASTER (not the owner) starts as BACKUP.
        assertEquals(false, settings.startAsMaster());
        assertTrue(result.issues().stream().noneMatch(i -> i.message().contains("AH")), result.issues()::toString);
    }

    @Test
    void notifyScriptsBecomeCommands() {
        VrrpAdapter.Result result = adapt("""
                vrrp_instance N {
                    interface eth0
                    virtual_router_id 6
                    notify_master "/usr/local/bin/up.sh now"
                    notify /usr/local/bin/any.sh
                    smtp_alert
                    virtual_ipaddress {
                        10.1.0.6
                    }
                }
                """);
        VrrpNotifyPlan plan = result.notifies().getFirst();
        assertEquals(List.of("/usr/local/bin/up.sh", "now"), plan.master().orElseThrow().argv());
        assertEquals(List.of("/usr/local/bin/any.sh"), plan.any().orElseThrow().argv());
        assertTrue(plan.backup().isEmpty());
        assertTrue(plan.smtpAlert());
        assertEquals(List.of("/usr/local/bin/any.sh", "INSTANCE", "N", "MASTER", "100"),
                VrrpAdapter.withArguments(plan.any().get(), List.of("INSTANCE", "N", "MASTER", "100")).argv());
    }
}
