package dev.vigil.vrrp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.linux.NetNamespace;
import dev.vigil.linux.testing.NetnsLab;
import dev.vigil.vrrp.codec.AddressFamily;
import dev.vigil.vrrp.codec.VrrpVersion;
import dev.vigil.vrrp.testing.KeepalivedProcess;
import dev.vigil.vrrp.testing.VipProbe;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code use_vmac} and a non-IANA multicast group against Debian's keepalived, for real: two
 * namespaces ("a" 10.79.0.1 on va, "b" 10.79.0.2 on vb) on a bridge in a third that also
 * holds an observer (10.79.0.254). Keepalived runs in "a", Vigil in "b"; VRID 51, advert_int 1,
 * VRRPv2 with VIP 10.79.0.100/24 (IPv6: VRRPv3 with fd00:79::100/64). Each pair elects one
 * master, fails over when the master's link goes down and preempts back when it returns, with
 * the higher priority on either side. VMAC checks: {@code vrrp.51} is a private-mode macvlan
 * with 00:00:5e:00:01:33 (IPv6: 00:00:5e:00:02:33, carrying the base link-local address), the
 * master's holds the VIP and the backup's not, and the bridge learns the virtual MAC on the new
 * master's port (its gratuitous ARPs / NAs come from the VMAC). Vigil's VMAC is gone after stop.
 */
@Tag("netns")
class VmacInteropNetnsTest {

    private static final Logger LOG = LoggerFactory.getLogger(VmacInteropNetnsTest.class);
    private static final String VIP = "10.79.0.100";
    private static final String VMAC = "vrrp.51";
    private static final String VIP6 = "fd00:79::100";
    private static final String VIRTUAL_MAC = "00:00:5e:00:01:33";
    private static final String VIRTUAL_MAC6 = "00:00:5e:00:02:33";
    private static final String GROUP = "224.0.0.50";
    private static final long SECOND = 1_000_000_000L;
    /** Backup at priority 100, v2, advert_int 1: Master_Down_Interval = 3 s + 156/256 s (RFC 3768 §6.1). */
    private static final long BACKUP_MASTER_DOWN = 3 * SECOND + 156 * SECOND / 256;
    /** Allowance for a loaded 2-core machine plus `ip addr` polling. */
    private static final long MARGIN = 750_000_000L;
    private static final Duration SETTLE = Duration.ofSeconds(15);

    @TempDir
    Path temp;

    private NetnsLab lab;
    private String nsA;
    private String nsB;
    private String nsBridge;

    @BeforeEach
    void buildLan() {
        NetnsLab.assumeAvailable();
        KeepalivedProcess.assumeInstalled();
        lab = new NetnsLab();
        nsA = lab.namespace("a");
        nsB = lab.namespace("b");
        nsBridge = lab.namespace("br");
        lab.veth(nsA, "va", nsBridge, "bra");
        lab.veth(nsB, "vb", nsBridge, "brb");
        lab.bridge(nsBridge, "br0", "bra", "brb");
        lab.sysctl(nsBridge, "net.ipv4.conf.all.arp_accept", "1");
        lab.address(nsBridge, "br0", "10.79.0.254/24");
        lab.address(nsA, "va", "10.79.0.1/24");
        lab.address(nsB, "vb", "10.79.0.2/24");
    }

    @AfterEach
    void tearDown() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void useVmacPairWithKeepalivedMaster() throws Exception {
        keepalived(150, "use_vmac", "");
        VrrpRuntime vigil = vigil(settings(100).withVirtualMac(VirtualMac.keepalivedDefault(51, AddressFamily.IPV4)));
        assertVmac(nsB, VIRTUAL_MAC);
        failOverAndPreempt("keepalived/vigil use_vmac", VIP, VIRTUAL_MAC, nsA, nsB, VMAC, VMAC);
        assertNoRejects(vigil);
        stopAndCheckVmacGone(vigil);
    }

    @Test
    void useVmacPairWithVigilMaster() throws Exception {
        VrrpRuntime vigil = vigil(settings(150).withVirtualMac(VirtualMac.keepalivedDefault(51, AddressFamily.IPV4)));
        keepalived(100, "use_vmac", "");
        assertVmac(nsB, VIRTUAL_MAC);
        failOverAndPreempt("vigil/keepalived use_vmac", VIP, VIRTUAL_MAC, nsB, nsA, VMAC, VMAC);
        assertNoRejects(vigil);
        stopAndCheckVmacGone(vigil);
    }

    @Test
    void ipv6UseVmacPairWithKeepalivedMaster() throws Exception {
        for (String ns : List.of(nsA, nsB)) {
            lab.sysctl(ns, "net.ipv6.conf.all.accept_dad", "0");
            lab.sysctl(ns, "net.ipv6.conf.default.accept_dad", "0");
        }
        keepalived(150, "version 3\n  use_vmac", "", VIP6 + "/64");
        VrrpRuntime vigil = vigil(VrrpInstanceSettings.of("VI_1", "vb", 51, VrrpVersion.V3, 100, 100,
                List.of(VirtualAddress.of(InetAddress.getByName(VIP6), 64)))
                .withVirtualMac(VirtualMac.keepalivedDefault(51, AddressFamily.IPV6)));
        assertVmac(nsB, VIRTUAL_MAC6);
        String base = NetnsLab.check("ip", "-n", nsB, "-6", "-o", "addr", "show", "dev", "vb", "scope", "link");
        String onVmac = NetnsLab.check("ip", "-n", nsB, "-6", "-o", "addr", "show", "dev", VMAC, "scope", "link");
        String linkLocal = base.replaceAll("(?s).*inet6 (fe80::[0-9a-f:]+)/64.*", "$1");
        assertTrue(onVmac.contains(" " + linkLocal + "/64"), "the VMAC carries the base link-local " + linkLocal
                + ": " + onVmac);
        failOverAndPreempt("keepalived/vigil IPv6 use_vmac", VIP6, VIRTUAL_MAC6, nsA, nsB, VMAC, VMAC);
        assertNoRejects(vigil);
        assertTrue(vigil.snapshot().getFirst().statistics().advertsReceived() >= 3);
        stopAndCheckVmacGone(vigil);
    }

    @Test
    void customMulticastGroupWithKeepalivedMaster() throws Exception {
        keepalived(150, "", "vrrp_mcast_group4 " + GROUP);
        VrrpRuntime vigil = vigil(settings(100).withMulticastGroup(InetAddress.getByName(GROUP)));
        failOverAndPreempt("keepalived/vigil group " + GROUP, VIP, "", nsA, nsB, "va", "vb");
        // Vigil hears keepalived only on the custom group: had it listened on 224.0.0.18 alone it
        // would have been master from the start.
        assertTrue(vigil.snapshot().getFirst().statistics().advertsReceived() >= 3,
                () -> vigil.snapshot().getFirst().toString());
        assertNoRejects(vigil);
        assertTrue(NetnsLab.check("ip", "-n", nsB, "maddr", "show", "dev", "vb").contains(GROUP),
                "Vigil joined " + GROUP);
    }

    @Test
    void customMulticastGroupWithVigilMaster() throws Exception {
        // keepalived listens on 224.0.0.50 only: it stays backup only if Vigil sends there.
        VrrpRuntime vigil = vigil(settings(150).withMulticastGroup(InetAddress.getByName(GROUP)));
        keepalived(100, "", "vrrp_mcast_group4 " + GROUP);
        failOverAndPreempt("vigil/keepalived group " + GROUP, VIP, "", nsB, nsA, "vb", "va");
        assertNoRejects(vigil);
    }

    private static VrrpInstanceSettings settings(int priority) throws Exception {
        return VrrpInstanceSettings.of("VI_1", "vb", 51, VrrpVersion.V2, priority, 100,
                List.of(VirtualAddress.of(InetAddress.getByName(VIP), 24)));
    }

    private VrrpRuntime vigil(VrrpInstanceSettings settings) throws Exception {
        RecordingListener events = new RecordingListener();
        VrrpRuntime runtime = new VrrpRuntime(List.of(settings), new LinuxVrrpIo(), events);
        NetNamespace.run(nsB, runtime::start);
        lab.closeFirst(runtime::stop);
        return runtime;
    }

    private void keepalived(int priority, String instanceExtra, String globalExtra) throws Exception {
        keepalived(priority, instanceExtra, globalExtra, VIP + "/24");
    }

    private void keepalived(int priority, String instanceExtra, String globalExtra, String vip) throws Exception {
        String config = """
                global_defs {
                  router_id vigil_vmac_interop
                  %s
                }
                vrrp_instance VI_1 {
                  state BACKUP
                  interface va
                  virtual_router_id 51
                  priority %d
                  advert_int 1
                  %s
                  virtual_ipaddress {
                    %s
                  }
                }
                """.formatted(globalExtra, priority, instanceExtra, vip);
        lab.closeFirst(KeepalivedProcess.start(nsA, config, temp.resolve("ka")));
    }

    /** {@code ip -d link} shows the VMAC as keepalived makes it. */
    private static void assertVmac(String namespace, String mac) {
        Awaitility.await(namespace + " has " + VMAC).atMost(SETTLE)
                .until(() -> NetnsLab.run(List.of("ip", "-n", namespace, "link", "show", VMAC)).exitCode() == 0);
        String link = NetnsLab.check("ip", "-n", namespace, "-d", "link", "show", VMAC);
        assertTrue(link.contains("link/ether " + mac), link);
        assertTrue(link.contains("macvlan mode private"), link);
        assertTrue(link.contains("addrgenmode none"), link);
        assertTrue(link.contains(VMAC + "@"), link);
        LOG.info("{}: {}", namespace, link.strip().replace('\n', ' '));
    }

    /**
     * The master holds the VIP (on {@code masterIf}), the backup not; the master's base link
     * goes down, the backup takes the VIP within Master_Down_Interval + margin; the link
     * returns and the master preempts.
     */
    private void failOverAndPreempt(String pair, String vip, String virtualMac, String masterNs, String backupNs,
                                    String masterIf, String backupIf) {
        String masterBase = masterNs.equals(nsA) ? "va" : "vb";
        VipProbe.await(masterNs, masterIf, vip, true, SETTLE);
        Awaitility.await(pair + ": the backup must not take the VIP").during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(5)).until(() -> !VipProbe.present(backupNs, backupIf, vip));
        boolean vmac = masterIf.equals(VMAC);
        if (vmac) {
            assertVmac(masterNs, virtualMac);
        }
        long downAt = System.nanoTime();
        NetnsLab.check("ip", "-n", masterNs, "link", "set", masterBase, "down");
        long vipAt = VipProbe.await(backupNs, backupIf, vip, true, Duration.ofSeconds(10));
        long failover = vipAt - downAt;
        LOG.info("{}: VIP on the backup's {} {} ms after the master's link went down (Master_Down_Interval {} ms)",
                pair, backupIf, failover / 1_000_000, BACKUP_MASTER_DOWN / 1_000_000);
        assertTrue(failover <= BACKUP_MASTER_DOWN + MARGIN, pair + ": failover took " + failover / 1_000_000 + " ms");
        if (vmac) {
            String backupPort = backupNs.equals(nsA) ? "bra" : "brb";
            Awaitility.await(pair + ": the bridge learns the virtual MAC on the new master's port")
                    .atMost(Duration.ofSeconds(3)).until(() -> fdbPort(virtualMac).equals(backupPort));
        }
        NetnsLab.check("ip", "-n", masterNs, "link", "set", masterBase, "up");
        VipProbe.await(masterNs, masterIf, vip, true, SETTLE);
        VipProbe.await(backupNs, backupIf, vip, false, Duration.ofSeconds(5));
        if (vmac) {
            String masterPort = masterNs.equals(nsA) ? "bra" : "brb";
            Awaitility.await(pair + ": the bridge learns the virtual MAC back on the preempting master's port")
                    .atMost(Duration.ofSeconds(3)).until(() -> fdbPort(virtualMac).equals(masterPort));
        }
    }

    /** The bridge port the bridge has learnt {@code mac} on, or "". */
    private String fdbPort(String mac) {
        for (String line : NetnsLab.check("bridge", "-n", nsBridge, "fdb", "show", "br", "br0").split("\n")) {
            if (line.startsWith(mac + " ") && !line.contains("permanent")) {
                return line.replaceAll(".* dev (\\S+).*", "$1");
            }
        }
        return "";
    }

    private static void assertNoRejects(VrrpRuntime vigil) {
        InstanceSnapshot s = vigil.snapshot().getFirst();
        assertEquals(java.util.Map.of(), s.statistics().packetRejects(), s::toString);
        assertEquals(java.util.Map.of(), s.statistics().checkRejects(), s::toString);
    }

    private void stopAndCheckVmacGone(VrrpRuntime vigil) {
        vigil.stop();
        String links = NetnsLab.check("ip", "-n", nsB, "link", "show");
        assertFalse(links.contains(VMAC), links);
        assertEquals("0", NetnsLab.check("ip", "netns", "exec", nsB, "cat", "/proc/sys/net/ipv4/conf/vb/arp_ignore")
                .strip(), "arp_ignore of the base interface restored");
    }
}
