package dev.vigil.vrrp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.linux.Interfaces;
import dev.vigil.linux.NativeException;
import dev.vigil.linux.NetNamespace;
import dev.vigil.linux.socket.RawIpv4Socket;
import dev.vigil.linux.socket.RawIpv6Socket;
import dev.vigil.linux.socket.ReceivedIpv4;
import dev.vigil.linux.socket.ReceivedIpv6;
import dev.vigil.linux.testing.NetnsLab;
import dev.vigil.vrrp.codec.AddressFamily;
import dev.vigil.vrrp.codec.UnicastPeer;
import dev.vigil.vrrp.codec.VrrpVersion;
import dev.vigil.vrrp.codec.VrrpWire;
import dev.vigil.vrrp.testing.VipProbe;
import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An instance's interfaces changing under a running runtime, as keepalived handles them. VMACs
 * across a reload: a kept instance keeps its VMAC (same ifindex, VIP still there), a removed
 * one's VMAC is deleted, an added one's is created; a stale macvlan of the same name is
 * replaced, another interface of that name is refused. Deletions by someone else: a VMAC is
 * made again at once, and an interface deleted and created again (with its VMAC gone with it)
 * is used again; the instance is in FAULT meanwhile. Adverts leave from the interface's
 * address as it changes, and an interface without one holds its instance in FAULT.
 * One Vigil runtime, owner priority so it is master at once, in a namespace on a veth.
 */
@Tag("netns")
class VrrpInterfacesNetnsTest {

    private NetnsLab lab;
    private String ns;
    private String peerNs;
    private VrrpRuntime runtime;

    @BeforeEach
    void setUp() {
        NetnsLab.assumeAvailable();
        lab = new NetnsLab();
        ns = lab.namespace("vr");
        peerNs = lab.namespace("vrpeer");
        lab.veth(ns, "vb", peerNs, "vp");
        lab.address(ns, "vb", "10.80.0.2/24");
    }

    @AfterEach
    void tearDown() {
        if (runtime != null) {
            runtime.stop();
        }
        if (lab != null) {
            lab.close();
        }
    }

    private static VrrpInstanceSettings owner(String name, int vrid, String vip) throws Exception {
        return VrrpInstanceSettings.of(name, "vb", vrid, VrrpVersion.V2, 255, 100,
                List.of(VirtualAddress.of(InetAddress.getByName(vip), 24)))
                .withVirtualMac(VirtualMac.keepalivedDefault(vrid, AddressFamily.IPV4));
    }

    private String ifindex(String name) {
        return NetnsLab.check("ip", "-n", ns, "-o", "link", "show", name).split(":")[0];
    }

    /** TX packets of an interface ({@code ip -s link}). */
    private long txPackets(String name) {
        String[] lines = NetnsLab.check("ip", "-n", ns, "-s", "link", "show", name).split("\n");
        for (int i = 0; i < lines.length - 1; i++) {
            if (lines[i].strip().startsWith("TX:")) {
                return Long.parseLong(lines[i + 1].strip().split("\\s+")[1]);
            }
        }
        throw new AssertionError("no TX counters for " + name);
    }

    /** The master keeps advertising from the VMAC: its TX count grows (advert_int 1 s). */
    private void advertsLeave(String name) {
        long before = txPackets(name);
        org.awaitility.Awaitility.await(name + " sends adverts").atMost(Duration.ofSeconds(4))
                .until(() -> txPackets(name) >= before + 2);
    }

    private boolean exists(String name) {
        return NetnsLab.check("ip", "-n", ns, "-o", "link", "show").contains(" " + name + "@");
    }

    @Test
    void keptInstancesKeepTheirVmacRemovedOnesLoseIt() throws Exception {
        VrrpInstanceSettings one = owner("ONE", 1, "10.80.0.101");
        VrrpInstanceSettings two = owner("TWO", 2, "10.80.0.102");
        runtime = new VrrpRuntime(List.of(one, two), new LinuxVrrpIo(), new RecordingListener());
        NetNamespace.run(ns, runtime::start);
        VipProbe.await(ns, "vrrp.1", "10.80.0.101", true, Duration.ofSeconds(5));
        VipProbe.await(ns, "vrrp.2", "10.80.0.102", true, Duration.ofSeconds(5));
        String oneIndex = ifindex("vrrp.1");

        Reconfiguration r = runtime.reconfigure(List.of(one, owner("THREE", 3, "10.80.0.103")),
                RuntimeDefinitions.NONE);
        assertEquals(1, r.instances().kept().size(), r::toString);
        assertEquals(oneIndex, ifindex("vrrp.1"), "the kept instance's VMAC was not made again");
        assertTrue(VipProbe.present(ns, "vrrp.1", "10.80.0.101"));
        assertFalse(exists("vrrp.2"), "the removed instance's VMAC is deleted");
        VipProbe.await(ns, "vrrp.3", "10.80.0.103", true, Duration.ofSeconds(5));

        runtime.stop();
        runtime = null;
        assertFalse(exists("vrrp.1") || exists("vrrp.3"), NetnsLab.check("ip", "-n", ns, "link", "show"));
    }

    /**
     * keepalived 2.2.7 did the same in a namespace (adverts captured with tcpdump): the primary
     * address deleted, adverts from the other address; the last one deleted, "Deassigned
     * address", FAULT, VIPs removed; one added, "Assigned address", BACKUP, then MASTER with
     * adverts from it.
     */
    @Test
    void advertsFollowTheInterfacesAddressAndNoAddressLeftIsFault() throws Exception {
        RecordingListener events = new RecordingListener();
        VrrpInstanceSettings plain = plainOwner("ONE", 1, "10.80.0.101");
        try (RawIpv4Socket adverts = advertsOnPeer()) {
            runtime = new VrrpRuntime(List.of(plain), new LinuxVrrpIo(), events);
            NetNamespace.run(ns, runtime::start);
            VipProbe.await(ns, "vb", "10.80.0.101", true, Duration.ofSeconds(5));
            awaitAdvertFrom(adverts, "10.80.0.2");

            // Another primary address, then the first one deleted (and the VIP, a secondary in its subnet, with it).
            lab.exec(ns, "ip", "addr", "add", "10.81.0.5/24", "dev", "vb");
            lab.exec(ns, "ip", "addr", "del", "10.80.0.2/24", "dev", "vb");
            awaitAdvertFrom(adverts, "10.81.0.5");
            VipProbe.await(ns, "vb", "10.80.0.101", true, Duration.ofSeconds(5));

            lab.exec(ns, "ip", "addr", "del", "10.81.0.5/24", "dev", "vb");
            org.awaitility.Awaitility.await("FAULT without an address").atMost(Duration.ofSeconds(5))
                    .until(() -> events.snapshot().contains("ONE MASTER->FAULT LINK_DOWN"));
            VipProbe.await(ns, "vb", "10.80.0.101", false, Duration.ofSeconds(5));

            long added = System.nanoTime();
            lab.exec(ns, "ip", "addr", "add", "10.80.0.7/24", "dev", "vb");
            VipProbe.await(ns, "vb", "10.80.0.101", true, Duration.ofSeconds(5));
            System.out.printf("address added -> VIP back in %d ms%n", (System.nanoTime() - added) / 1_000_000);
            awaitAdvertFrom(adverts, "10.80.0.7");
            List<String> seen = events.snapshot();
            assertTrue(seen.contains("ONE FAULT->BACKUP LINK_UP") && seen.getLast().contains("->MASTER"),
                    seen::toString);
        }
    }

    /**
     * keepalived 2.2.7: "(V) entering FAULT state (no IPv4 address for interface)", then up once
     * one is assigned; an instance a reload adds meanwhile waits the same way, one with its own
     * source does not wait.
     */
    @Test
    void instancesStartedOrAddedWithoutAnAddressAreInFaultUntilOneIsAdded() throws Exception {
        RecordingListener events = new RecordingListener();
        lab.exec(ns, "ip", "addr", "del", "10.80.0.2/24", "dev", "vb");
        VrrpInstanceSettings plain = plainOwner("ONE", 1, "10.80.0.101");
        try (RawIpv4Socket adverts = advertsOnPeer()) {
            // A configured source needs no address on the interface (unicast_src_ip).
            VrrpInstanceSettings configured = VrrpInstanceSettings.of("UNI", "vb", 3, VrrpVersion.V2, 255, 100,
                    List.of(VirtualAddress.of(InetAddress.getByName("10.80.0.103"), 24)))
                    .withUnicast(InetAddress.getByName("10.80.0.50"), List.of(new UnicastPeer(
                            InetAddress.getByName("10.80.0.60"), 0, 255)));
            runtime = new VrrpRuntime(List.of(plain, configured), new LinuxVrrpIo(), events);
            NetNamespace.run(ns, runtime::start);
            org.awaitility.Awaitility.await("FAULT at start").atMost(Duration.ofSeconds(5))
                    .until(() -> events.snapshot().stream().anyMatch(e -> e.startsWith("ONE INIT->FAULT")));
            assertFalse(VipProbe.present(ns, "vb", "10.80.0.101"));
            VipProbe.await(ns, "vb", "10.80.0.103", true, Duration.ofSeconds(5));

            // A reload adding an instance on the same interface, still without an address.
            VrrpInstanceSettings added = plainOwner("TWO", 2, "10.80.0.102");
            NetNamespace.run(ns, () -> runtime.reconfigure(List.of(plain, configured, added),
                    RuntimeDefinitions.NONE));
            org.awaitility.Awaitility.await("FAULT after the reload").atMost(Duration.ofSeconds(5))
                    .until(() -> events.snapshot().stream().anyMatch(e -> e.startsWith("TWO INIT->FAULT")));
            assertFalse(VipProbe.present(ns, "vb", "10.80.0.101"),
                    "UNI's VIP, the only address on vb, is not taken as ONE's source");

            lab.exec(ns, "ip", "addr", "add", "10.80.0.9/24", "dev", "vb");
            VipProbe.await(ns, "vb", "10.80.0.101", true, Duration.ofSeconds(5));
            VipProbe.await(ns, "vb", "10.80.0.102", true, Duration.ofSeconds(5));
            awaitAdvertFrom(adverts, "10.80.0.9");
        }
    }

    /** keepalived: the link-local source deleted and none left, FAULT; one added, the instance comes back from it. */
    @Test
    void anIpv6InstanceFollowsItsLinkLocalAddress() throws Exception {
        lab.sysctl(ns, "net.ipv6.conf.all.accept_dad", "0");
        lab.sysctl(ns, "net.ipv6.conf.default.accept_dad", "0");
        org.awaitility.Awaitility.await("vb's link-local address").atMost(Duration.ofSeconds(5))
                .until(() -> !NetnsLab.check("ip", "-n", ns, "-6", "addr", "show", "dev", "vb", "scope", "link")
                        .isBlank() && !NetnsLab.check("ip", "-n", ns, "-6", "addr", "show", "dev", "vb", "tentative")
                        .contains("inet6"));
        String original = linkLocal("vb");
        RecordingListener events = new RecordingListener();
        VrrpInstanceSettings six = VrrpInstanceSettings.of("SIX", "vb", 6, VrrpVersion.V3, 255, 100,
                List.of(VirtualAddress.of(InetAddress.getByName("fd00:80::106"), 64)));
        int peerIndex = NetNamespace.call(peerNs, () -> Interfaces.index("vp"));
        try (RawIpv6Socket adverts = NetNamespace.call(peerNs, () -> RawIpv6Socket.open(VrrpWire.PROTOCOL))) {
            adverts.bindToDevice("vp");
            adverts.joinGroup(VrrpWire.IPV6_GROUP, peerIndex);
            runtime = new VrrpRuntime(List.of(six), new LinuxVrrpIo(), events);
            NetNamespace.run(ns, runtime::start);
            VipProbe.await(ns, "vb", "fd00:80::106", true, Duration.ofSeconds(5));
            awaitIpv6AdvertFrom(adverts, original);

            lab.exec(ns, "ip", "-6", "addr", "del", original + "/64", "dev", "vb");
            org.awaitility.Awaitility.await("FAULT without a link-local address").atMost(Duration.ofSeconds(5))
                    .until(() -> events.snapshot().contains("SIX MASTER->FAULT LINK_DOWN"));
            VipProbe.await(ns, "vb", "fd00:80::106", false, Duration.ofSeconds(5));

            lab.exec(ns, "ip", "-6", "addr", "add", "fe80::99/64", "dev", "vb", "nodad");
            VipProbe.await(ns, "vb", "fd00:80::106", true, Duration.ofSeconds(5));
            awaitIpv6AdvertFrom(adverts, "fe80::99");
        }
    }

    private static void awaitIpv6AdvertFrom(RawIpv6Socket socket, String source) throws Exception {
        InetAddress wanted = InetAddress.getByName(source);
        Set<String> seen = new LinkedHashSet<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ReceivedIpv6> packet = socket.receive(Duration.ofMillis(200));
            if (packet.isPresent()) {
                if (packet.get().source().equals(wanted)) {
                    return;
                }
                seen.add(packet.get().source().getHostAddress());
            }
        }
        throw new AssertionError("no advert from " + source + " within 5 s; seen from " + seen);
    }

    /** An owner (priority 255) on vb without a VMAC. */
    private static VrrpInstanceSettings plainOwner(String name, int vrid, String vip) throws Exception {
        return VrrpInstanceSettings.of(name, "vb", vrid, VrrpVersion.V2, 255, 100,
                List.of(VirtualAddress.of(InetAddress.getByName(vip), 24)));
    }

    /** A raw socket on the peer's end of the veth that hears the adverts (the VRRP group joined). */
    private RawIpv4Socket advertsOnPeer() throws Exception {
        int peerIndex = NetNamespace.call(peerNs, () -> Interfaces.index("vp"));
        RawIpv4Socket socket = NetNamespace.call(peerNs, () -> RawIpv4Socket.open(VrrpWire.PROTOCOL));
        try {
            socket.bindToDevice("vp");
            socket.joinGroup(VrrpWire.IPV4_GROUP, peerIndex);
            return socket;
        } catch (NativeException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Reads adverts until one comes from {@code source}; fails after 5 s, naming the sources seen. */
    private static void awaitAdvertFrom(RawIpv4Socket socket, String source) throws Exception {
        Set<String> seen = new LinkedHashSet<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ReceivedIpv4> packet = socket.receive(Duration.ofMillis(200));
            if (packet.isPresent()) {
                String from = packet.get().source().getHostAddress();
                if (from.equals(source)) {
                    return;
                }
                seen.add(from);
            }
        }
        throw new AssertionError("no advert from " + source + " within 5 s; seen from " + seen);
    }

    @Test
    void aVmacDeletedByOthersIsMadeAgainAndItsMasterComesBack() throws Exception {
        RecordingListener events = new RecordingListener();
        runtime = new VrrpRuntime(List.of(owner("ONE", 1, "10.80.0.101")), new LinuxVrrpIo(), events);
        NetNamespace.run(ns, runtime::start);
        VipProbe.await(ns, "vrrp.1", "10.80.0.101", true, Duration.ofSeconds(5));
        String index = ifindex("vrrp.1");

        long deleted = System.nanoTime();
        lab.exec(ns, "ip", "link", "del", "vrrp.1");
        org.awaitility.Awaitility.await("vrrp.1 made again").atMost(Duration.ofSeconds(5))
                .until(() -> exists("vrrp.1") && !ifindex("vrrp.1").equals(index));
        String link = NetnsLab.check("ip", "-n", ns, "-d", "link", "show", "vrrp.1");
        assertTrue(link.contains("link/ether 00:00:5e:00:01:01") && link.contains("macvlan mode private"), link);
        VipProbe.await(ns, "vrrp.1", "10.80.0.101", true, Duration.ofSeconds(5));
        System.out.printf("VMAC deleted -> VIP back on the new one in %d ms%n",
                (System.nanoTime() - deleted) / 1_000_000);
        advertsLeave("vrrp.1");
        List<String> seen = events.snapshot();
        assertTrue(seen.contains("ONE MASTER->FAULT LINK_DOWN") && seen.getLast().contains("->MASTER"),
                seen.toString());

        runtime.stop();
        runtime = null;
        assertFalse(exists("vrrp.1"));
    }

    @Test
    void anIpv6VmacDeletedByOthersIsMadeAgainWithItsAdvertSource() throws Exception {
        lab.sysctl(ns, "net.ipv6.conf.all.accept_dad", "0");
        lab.sysctl(ns, "net.ipv6.conf.default.accept_dad", "0");
        RecordingListener events = new RecordingListener();
        runtime = new VrrpRuntime(List.of(VrrpInstanceSettings.of("SIX", "vb", 4, VrrpVersion.V3, 255, 100,
                List.of(VirtualAddress.of(InetAddress.getByName("fd00:80::104"), 64)))
                .withVirtualMac(VirtualMac.keepalivedDefault(4, AddressFamily.IPV6))), new LinuxVrrpIo(), events);
        NetNamespace.run(ns, runtime::start);
        VipProbe.await(ns, "vrrp.4", "fd00:80::104", true, Duration.ofSeconds(5));
        String source = linkLocal("vrrp.4");
        String index = ifindex("vrrp.4");

        lab.exec(ns, "ip", "link", "del", "vrrp.4");
        org.awaitility.Awaitility.await("vrrp.4 made again").atMost(Duration.ofSeconds(5))
                .until(() -> exists("vrrp.4") && !ifindex("vrrp.4").equals(index));
        assertTrue(NetnsLab.check("ip", "-n", ns, "link", "show", "vrrp.4").contains("00:00:5e:00:02:04"));
        VipProbe.await(ns, "vrrp.4", "fd00:80::104", true, Duration.ofSeconds(5));
        assertEquals(source, linkLocal("vrrp.4"), "the advert source is on the new VMAC again");
        advertsLeave("vrrp.4");
        assertTrue(events.snapshot().contains("SIX MASTER->FAULT LINK_DOWN"), events.snapshot().toString());
    }

    /** The link-local address on an interface ({@code ip -6 addr show scope link}). */
    private String linkLocal(String name) {
        String shown = NetnsLab.check("ip", "-n", ns, "-6", "-o", "addr", "show", "dev", name, "scope", "link");
        return shown.replaceAll("(?s).*inet6 (fe80::[0-9a-f:]+)/64.*", "$1");
    }

    @Test
    void anInterfaceDeletedAndCreatedAgainIsUsedAgainWithItsVmac() throws Exception {
        VrrpInstanceSettings plain = VrrpInstanceSettings.of("PLAIN", "vb", 2, VrrpVersion.V2, 255, 100,
                List.of(VirtualAddress.of(InetAddress.getByName("10.80.0.102"), 24)));
        RecordingListener events = new RecordingListener();
        runtime = new VrrpRuntime(List.of(owner("ONE", 1, "10.80.0.101"), plain), new LinuxVrrpIo(), events);
        NetNamespace.run(ns, runtime::start);
        VipProbe.await(ns, "vrrp.1", "10.80.0.101", true, Duration.ofSeconds(5));
        VipProbe.await(ns, "vb", "10.80.0.102", true, Duration.ofSeconds(5));
        String baseIndex = ifindex("vb");

        lab.exec(ns, "ip", "link", "del", "vb");
        org.awaitility.Awaitility.await("both in FAULT").atMost(Duration.ofSeconds(5)).until(() ->
                events.snapshot().containsAll(List.of("ONE MASTER->FAULT LINK_DOWN", "PLAIN MASTER->FAULT LINK_DOWN")));
        assertFalse(exists("vrrp.1"), "the VMAC went with its base interface");

        long created = System.nanoTime();
        lab.veth(ns, "vb", peerNs, "vp");
        lab.address(ns, "vb", "10.80.0.2/24");
        assertFalse(baseIndex.equals(ifindex("vb")), "a new interface under the old name");
        VipProbe.await(ns, "vrrp.1", "10.80.0.101", true, Duration.ofSeconds(5));
        VipProbe.await(ns, "vb", "10.80.0.102", true, Duration.ofSeconds(5));
        System.out.printf("interface created again -> both VIPs back in %d ms%n",
                (System.nanoTime() - created) / 1_000_000);
        advertsLeave("vrrp.1");
        advertsLeave("vb");
        List<String> seen = events.snapshot();
        assertTrue(seen.stream().filter(e -> e.startsWith("ONE ")).toList().getLast().contains("->MASTER")
                && seen.stream().filter(e -> e.startsWith("PLAIN ")).toList().getLast().contains("->MASTER"),
                seen.toString());
        runtime.stop();
        runtime = null;
        assertFalse(exists("vrrp.1"));
    }

    @Test
    void aBackupOnAnInterfaceCreatedAgainHearsItsMasterAgain() throws Exception {
        lab.address(peerNs, "vp", "10.80.0.3/24");
        RecordingListener ours = new RecordingListener();
        RecordingListener theirs = new RecordingListener();
        runtime = new VrrpRuntime(List.of(VrrpInstanceSettings.of("LOW", "vb", 3, VrrpVersion.V2, 100, 100,
                List.of(VirtualAddress.of(InetAddress.getByName("10.80.0.103"), 24)))), new LinuxVrrpIo(), ours);
        VrrpRuntime peer = new VrrpRuntime(List.of(VrrpInstanceSettings.of("HIGH", "vp", 3, VrrpVersion.V2, 200, 100,
                List.of(VirtualAddress.of(InetAddress.getByName("10.80.0.103"), 24)))), new LinuxVrrpIo(), theirs);
        lab.closeFirst(peer::stop);
        NetNamespace.run(peerNs, peer::start);
        NetNamespace.run(ns, runtime::start);
        org.awaitility.Awaitility.await("HIGH master").atMost(Duration.ofSeconds(6))
                .until(() -> theirs.snapshot().contains("HIGH BACKUP->MASTER MASTER_DOWN_TIMER"));

        lab.exec(ns, "ip", "link", "del", "vb");
        lab.veth(ns, "vb", peerNs, "vp");
        lab.address(ns, "vb", "10.80.0.2/24");
        lab.address(peerNs, "vp", "10.80.0.3/24");
        org.awaitility.Awaitility.await("HIGH master again").atMost(Duration.ofSeconds(10)).until(() -> {
            List<String> seen = theirs.snapshot();
            return seen.getLast().startsWith("HIGH") && seen.getLast().contains("->MASTER")
                    && seen.stream().anyMatch(e -> e.contains("FAULT"));
        });
        // Longer than Master_Down_Interval (3 x 1 s + skew): a LOW deaf to HIGH's adverts would be MASTER.
        Thread.sleep(4_500);
        List<String> seen = ours.snapshot();
        assertTrue(seen.contains("LOW BACKUP->FAULT LINK_DOWN") && seen.getLast().equals("LOW FAULT->BACKUP LINK_UP"),
                seen.toString());
        assertFalse(VipProbe.present(ns, "vb", "10.80.0.103"));
    }

    @Test
    void anInstanceReplacedUnderItsNameKeepsOrRemakesItsVmac() throws Exception {
        VrrpInstanceSettings one = owner("ONE", 1, "10.80.0.101");
        RecordingListener events = new RecordingListener();
        runtime = new VrrpRuntime(List.of(one), new LinuxVrrpIo(), events);
        NetNamespace.run(ns, runtime::start);
        VipProbe.await(ns, "vrrp.1", "10.80.0.101", true, Duration.ofSeconds(5));
        String index = ifindex("vrrp.1");

        // Another multicast group is another instance (removed and added) on the same VMAC.
        VrrpInstanceSettings regrouped = one.withMulticastGroup(InetAddress.getByName("224.0.0.51"));
        Reconfiguration r = runtime.reconfigure(List.of(regrouped), RuntimeDefinitions.NONE);
        assertEquals(1, r.instances().removed().size(), r::toString);
        assertEquals(index, ifindex("vrrp.1"), "same VMAC settings: the interface stays");
        VipProbe.await(ns, "vrrp.1", "10.80.0.101", true, Duration.ofSeconds(5));
        advertsLeave("vrrp.1");

        // Another MAC under the same name: the interface is made again with it.
        VrrpInstanceSettings remac = regrouped.withVirtualMac(new VirtualMac("vrrp.1",
                dev.vigil.linux.packet.MacAddress.parse("02:00:00:00:00:01").orElseThrow(), false,
                java.util.Optional.empty()));
        runtime.reconfigure(List.of(remac), RuntimeDefinitions.NONE);
        String link = NetnsLab.check("ip", "-n", ns, "-d", "link", "show", "vrrp.1");
        assertTrue(link.contains("link/ether 02:00:00:00:00:01") && link.contains("macvlan mode private"), link);
        VipProbe.await(ns, "vrrp.1", "10.80.0.101", true, Duration.ofSeconds(5));
        advertsLeave("vrrp.1");
        assertTrue(events.snapshot().stream().noneMatch(e -> e.contains("FAULT")),
                "the VMAC the reload deleted itself is no fault: " + events.snapshot());
        runtime.stop();
        runtime = null;
        assertFalse(exists("vrrp.1"));
    }

    @Test
    void aStaleMacvlanIsReplacedAnotherInterfaceIsRefused() throws Exception {
        lab.exec(ns, "ip", "link", "add", "link", "vb", "name", "vrrp.1", "type", "macvlan", "mode", "bridge");
        runtime = new VrrpRuntime(List.of(owner("ONE", 1, "10.80.0.101")), new LinuxVrrpIo(),
                new RecordingListener());
        NetNamespace.run(ns, runtime::start);
        assertTrue(NetnsLab.check("ip", "-n", ns, "-d", "link", "show", "vrrp.1").contains("macvlan mode private"));
        runtime.stop();
        runtime = null;

        lab.exec(ns, "ip", "link", "add", "vrrp.1", "type", "veth", "peer", "name", "other");
        VrrpRuntime refused = new VrrpRuntime(List.of(owner("ONE", 1, "10.80.0.101")), new LinuxVrrpIo(),
                new RecordingListener());
        NativeException e = assertThrows(NativeException.class, () -> NetNamespace.run(ns, refused::start));
        assertTrue(e.getMessage().contains("is not a macvlan"), e.getMessage());
        assertTrue(exists("vrrp.1"), "the veth is left alone");
    }
}
