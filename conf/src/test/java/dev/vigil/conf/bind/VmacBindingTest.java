package dev.vigil.conf.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.conf.model.UseVmac;
import dev.vigil.conf.model.VrrpInstance;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code use_vmac}, {@code vmac_xmit_base} and {@code vmac_prefix} read as keepalived reads them. */
class VmacBindingTest {

    private static Optional<UseVmac> vmac(Binding b) {
        VrrpInstance vi = b.config().vrrpInstances().getFirst();
        return vi.useVmac();
    }

    private static String instance(String vmacLines) {
        return """
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 51
                %s
                    virtual_ipaddress {
                        10.0.0.1
                    }
                }
                """.formatted(vmacLines);
    }

    @Test
    void bareUseVmacIsVrrpDotVrid() {
        assertEquals(Optional.of(new UseVmac("vrrp.51", Optional.empty(), false, Optional.empty(), false)),
                vmac(Binding.of(instance("    use_vmac")).clean()));
        assertEquals(Optional.empty(), vmac(Binding.of(instance("")).clean()));
    }

    @Test
    void nameMacGroupNotifyAndXmitBase() {
        assertEquals(Optional.of(new UseVmac("vmac51", Optional.of("02:00:00:00:00:07"), true, Optional.of(9), true)),
                vmac(Binding.of(instance("    use_vmac vmac51 02:0:0:0:0:7 group 9 netlink_notify_msg\n"
                        + "    vmac_xmit_base")).clean()));
        assertEquals(Optional.of(new UseVmac("v2", Optional.empty(), false, Optional.empty(), false)),
                vmac(Binding.of(instance("    use_vmac name v2")).clean()));
    }

    @Test
    void fiveOctetMacTakesTheVridAsItsLast() {
        assertEquals(Optional.of("02:11:22:33:44:33"),
                vmac(Binding.of(instance("    use_vmac 02:11:22:33:44")).clean()).orElseThrow().mac());
    }

    @Test
    void vmacPrefixNamesIt() {
        Binding b = Binding.of("global_defs {\n    vmac_prefix averyverylongpfx\n}\n" + instance("    use_vmac")).clean();
        assertEquals("averyverylon.51", vmac(b).orElseThrow().interfaceName());
    }

    @Test
    void badArgumentsAreReportedAndLeftOut() {
        Binding b = Binding.of(instance("    use_vmac 01:00:5e:00:00:01 00:00:5e:00:01:07 zz:1 group x"
                + " a-name-that-is-too-long"));
        b.reports("test.conf:4:14: error: use_vmac MAC address 01:00:5e:00:00:01 is a multicast address; ignoring it");
        b.reports("test.conf:4:32: error: use_vmac MAC address 00:00:5e:00:01:07 is in the RFC 5798 virtual router"
                + " range; ignoring it (leave it out to get that address)");
        b.reports("test.conf:4:50: error: use_vmac MAC address zz:1 is not 5 or 6 hex octets; ignoring it");
        b.reports("test.conf:4:61: error: use_vmac group x is not a number 0..4294967295 (group names from"
                + " /etc/iproute2/group are not read); ignoring it");
        b.reports("test.conf:4:63: error: use_vmac interface name 'a-name-that-is-too-long' must be 1..15"
                + " characters without '/'; ignoring it");
        assertEquals(Optional.of(new UseVmac("vrrp.51", Optional.empty(), false, Optional.empty(), false)), vmac(b));
    }

    @Test
    void xmitBaseNeedsUseVmacAndIsClearedInStrictMode() {
        Binding alone = Binding.of(instance("    vmac_xmit_base"));
        alone.reports("test.conf:4:5: warning: (VI_1) vmac_xmit_base without use_vmac; ignoring it");
        Binding strict = Binding.of(instance("    use_vmac\n    vmac_xmit_base\n    strict_mode"));
        strict.reports("test.conf:5:5: error: (VI_1) vmac_xmit_base is incompatible with strict mode; ignoring it");
        assertEquals(false, vmac(strict).orElseThrow().xmitBase());
    }

    @Test
    void namesInUseAreReplacedAsKeepalivedDoes() {
        Binding b = Binding.of("""
                vrrp_instance A {
                    interface eth0
                    virtual_router_id 51
                    use_vmac
                }
                vrrp_instance B {
                    interface eth1
                    virtual_router_id 51
                    use_vmac
                }
                vrrp_instance C {
                    interface eth2
                    virtual_router_id 51
                    use_vmac vrrp.51
                }
                vrrp_instance D {
                    interface eth3
                    virtual_router_id 51
                    use_vmac
                    virtual_ipaddress {
                        fe80::51
                    }
                }
                """);
        b.reports("test.conf:14:5: error: (C) vrrp_instance A already uses VMAC vrrp.51; ignoring the name");
        assertEquals(java.util.List.of("vrrp.51", "vrrp1.51", "vrrp2.51", "vrrp6.51"), b.config().vrrpInstances()
                .stream().map(vi -> vi.useVmac().orElseThrow().interfaceName()).toList());
    }
}
