package dev.vigil.linux.rtnetlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.linux.Errno;
import dev.vigil.linux.Interfaces;
import dev.vigil.linux.NetNamespace;
import dev.vigil.linux.netlink.NetlinkException;
import dev.vigil.linux.packet.MacAddress;
import dev.vigil.linux.testing.NetnsLab;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A private-mode macvlan made, configured, read back and deleted for real, checked with {@code ip -d link}. */
@Tag("netns")
class VirtualLinksNetnsTest {

    private NetnsLab lab;
    private String ns;
    private VirtualLinks links;
    private int parent;

    @BeforeEach
    void setUp() throws Exception {
        NetnsLab.assumeAvailable();
        lab = new NetnsLab();
        ns = lab.namespace("vl");
        String peer = lab.namespace("vlpeer");
        lab.veth(ns, "vbase", peer, "vpeer");
        links = NetNamespace.call(ns, VirtualLinks::open);
        parent = NetNamespace.call(ns, () -> Interfaces.index("vbase"));
    }

    @AfterEach
    void tearDown() {
        if (links != null) {
            links.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void macvlanLifecycle() throws Exception {
        MacAddress mac = MacAddress.parse("00:00:5e:00:01:33").orElseThrow();
        lab.exec(ns, "ip", "link", "set", "vbase", "group", "7");
        int baseGroup = LinkRequests.group(links.describe(parent));
        assertEquals(7, baseGroup);
        int index = links.createMacvlan(new MacvlanSpec("vrrp.51", parent, mac, MacvlanMode.PRIVATE,
                Optional.of(baseGroup)));
        links.disableAddressGeneration(index);
        links.setIpv4Conf(index, Map.of(Ipv4DevConf.ARP_IGNORE, 1, Ipv4DevConf.ACCEPT_LOCAL, 1,
                Ipv4DevConf.RP_FILTER, 0, Ipv4DevConf.PROMOTE_SECONDARIES, 1));
        links.setUp(index);

        String shown = lab.exec(ns, "ip", "-d", "link", "show", "vrrp.51");
        assertTrue(shown.contains("vrrp.51@vbase"), shown);
        assertTrue(shown.contains("link/ether 00:00:5e:00:01:33"), shown);
        assertTrue(shown.contains("macvlan mode private"), shown);
        assertTrue(shown.contains("addrgenmode none"), shown);
        assertTrue(shown.contains("group 7"), shown);
        assertTrue(shown.contains(",UP"), shown);
        assertEquals("1", lab.exec(ns, "cat", "/proc/sys/net/ipv4/conf/vrrp.51/arp_ignore").strip());
        assertEquals("1", lab.exec(ns, "cat", "/proc/sys/net/ipv4/conf/vrrp.51/accept_local").strip());
        assertEquals("0", lab.exec(ns, "cat", "/proc/sys/net/ipv4/conf/vrrp.51/rp_filter").strip());

        var described = links.describe(index);
        assertEquals(Optional.of("macvlan"), LinkRequests.kind(described));
        assertEquals(Optional.of(MacvlanMode.PRIVATE), LinkRequests.macvlanMode(described));
        assertEquals(1, LinkRequests.ipv4Conf(described).get(Ipv4DevConf.ARP_IGNORE));
        assertEquals(Optional.of(index), links.find("vrrp.51").map(Link::index));

        NetlinkException taken = assertThrows(NetlinkException.class, () -> links.createMacvlan(
                new MacvlanSpec("vrrp.51", parent, mac, MacvlanMode.PRIVATE, Optional.empty())));
        assertEquals(Errno.EEXIST.code(), taken.errno());

        links.delete(index);
        assertEquals(Optional.empty(), links.find("vrrp.51"));
        assertTrue(!lab.exec(ns, "ip", "link", "show").contains("vrrp.51"));
    }
}
