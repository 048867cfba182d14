package dev.vigil.linux.socket;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.linux.NetNamespace;
import dev.vigil.linux.packet.ArpOperation;
import dev.vigil.linux.packet.GratuitousArp;
import dev.vigil.linux.packet.MacAddress;
import dev.vigil.linux.packet.NeighborAdvertisement;
import dev.vigil.linux.rtnetlink.Link;
import dev.vigil.linux.rtnetlink.RtNetlink;
import dev.vigil.linux.testing.NetnsLab;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Gratuitous ARP and unsolicited NA sent through a packet socket update the peer's
 * neighbour table. Linux updates an existing entry from a gratuitous ARP or an NA with
 * the override flag whatever the sysctls; it only creates a new entry from them when
 * {@code arp_accept} (IPv4) or, on a router, {@code accept_untracked_na} (IPv6) allows
 * it, so the creation cases set those (and IPv6 forwarding) in the receiving namespace.
 */
@Tag("netns")
class NeighbourAnnouncementNetnsTest {

    private static final MacAddress STALE_MAC = MacAddress.parse("02:00:00:00:00:99").orElseThrow();
    private static final Duration WAIT = Duration.ofSeconds(5);

    private NetnsLab lab;
    private String sender;
    private String receiver;
    private Link senderLink;

    @BeforeEach
    void setUp() throws Exception {
        NetnsLab.assumeAvailable();
        lab = new NetnsLab();
        sender = lab.namespace("garp");
        receiver = lab.namespace("peer");
        lab.veth(sender, "vg", receiver, "vp");
        lab.address(sender, "vg", "10.204.0.1/24");
        lab.address(receiver, "vp", "10.204.0.2/24");
        lab.address(sender, "vg", "fd00:204::1/64", "nodad");
        lab.address(receiver, "vp", "fd00:204::2/64", "nodad");
        try (RtNetlink rt = NetNamespace.call(sender, RtNetlink::open)) {
            senderLink = rt.link("vg").orElseThrow();
        }
    }

    @AfterEach
    void tearDown() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void gratuitousArpRequestUpdatesAnExistingEntry() throws Exception {
        lab.exec(receiver, "ip", "neigh", "replace", "10.204.0.77", "lladdr", STALE_MAC.toString(), "dev", "vp",
                "nud", "stale");
        sendFrame(GratuitousArp.frame(mac(), v4("10.204.0.77"), ArpOperation.REQUEST));
        awaitNeighbour("-4", "10.204.0.77");
    }

    @Test
    void gratuitousArpReplyCreatesAnEntryWhenArpAcceptIsOn() throws Exception {
        lab.sysctl(receiver, "net.ipv4.conf.vp.arp_accept", "1");
        // Linux counts a reply as gratuitous only when its target hardware address is the sender's.
        sendFrame(GratuitousArp.frame(mac(), v4("10.204.0.78"), ArpOperation.REPLY, mac()));
        awaitNeighbour("-4", "10.204.0.78");
    }

    @Test
    void unsolicitedNeighborAdvertisementUpdatesAnExistingEntry() throws Exception {
        lab.exec(receiver, "ip", "-6", "neigh", "replace", "fd00:204::77", "lladdr", STALE_MAC.toString(), "dev",
                "vp", "nud", "stale");
        sendFrame(NeighborAdvertisement.unsolicited(mac(), v6("fd00:204::1"), v6("fd00:204::77"), false));
        awaitNeighbour("-6", "fd00:204::77");
    }

    @Test
    void unsolicitedNeighborAdvertisementCreatesAnEntryWhenAcceptUntrackedNaIsOn() throws Exception {
        assumeTrue(Files.exists(Path.of("/proc/sys/net/ipv6/conf/all/accept_untracked_na")),
                "skipping: this kernel has no accept_untracked_na sysctl (before 5.19)");
        // RFC 9131 as Linux implements it (ndisc_recv_na): only a router (forwarding on)
        // creates an entry from an untracked NA, and only with accept_untracked_na set.
        lab.sysctl(receiver, "net.ipv6.conf.vp.forwarding", "1");
        lab.sysctl(receiver, "net.ipv6.conf.vp.accept_untracked_na", "1");
        sendFrame(NeighborAdvertisement.unsolicited(mac(), v6("fd00:204::1"), v6("fd00:204::1"), false));
        awaitNeighbour("-6", "fd00:204::1");
    }

    private MacAddress mac() {
        return senderLink.mac().orElseThrow();
    }

    private void sendFrame(byte[] frame) throws Exception {
        try (PacketSocket socket = NetNamespace.call(sender, PacketSocket::open)) {
            socket.send(senderLink.index(), frame);
        }
    }

    private void awaitNeighbour(String family, String address) {
        String expected = "lladdr " + mac();
        Awaitility.await("neighbour " + address + " at " + mac()).atMost(WAIT).pollInterval(Duration.ofMillis(50))
                .until(() -> lab.exec(receiver, "ip", family, "neigh", "show", address, "dev", "vp"),
                        shown -> shown.contains(expected));
    }

    private static Inet4Address v4(String text) throws Exception {
        return (Inet4Address) InetAddress.getByName(text);
    }

    private static Inet6Address v6(String text) throws Exception {
        return (Inet6Address) InetAddress.getByName(text);
    }
}
