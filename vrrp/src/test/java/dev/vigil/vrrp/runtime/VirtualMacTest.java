package dev.vigil.vrrp.runtime;

import static dev.vigil.vrrp.runtime.Packets.v4;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.linux.packet.MacAddress;
import dev.vigil.vrrp.codec.AddressFamily;
import dev.vigil.vrrp.codec.VrrpVersion;
import dev.vigil.vrrp.codec.VrrpWire;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code use_vmac} and multicast-group settings: the RFC 5798 §7.3 MACs, keepalived's names,
 * which interface adverts, VIPs and receive sockets use, the groups each socket joins, and the
 * reload identity.
 */
class VirtualMacTest {

    private static VrrpInstanceSettings instance(String name, int vrid) {
        return VrrpInstanceSettings.of(name, "eth0", vrid, VrrpVersion.V3, 100, 100,
                List.of(VirtualAddress.of(v4("10.0.0.100"), 24)));
    }

    @Test
    void routerMacsFollowRfc5798() {
        assertEquals(MacAddress.parse("00:00:5e:00:01:01").orElseThrow(), VirtualMac.routerMac(1, AddressFamily.IPV4));
        assertEquals(MacAddress.parse("00:00:5e:00:02:ff").orElseThrow(), VirtualMac.routerMac(255, AddressFamily.IPV6));
        assertThrows(IllegalArgumentException.class, () -> VirtualMac.routerMac(0, AddressFamily.IPV4));
    }

    @Test
    void defaultNamesFitInFifteenCharacters() {
        assertEquals("vrrp.51", VirtualMac.defaultName("vrrp", 51));
        // keepalived create_vmac_name: "%.*s.%d" with the prefix cut to fit IFNAMSIZ.
        assertEquals("averyverylon.51", VirtualMac.defaultName("averyverylongpfx", 51));
        assertEquals("averyverylo.255", VirtualMac.defaultName("averyverylongpfx", 255));
        assertThrows(IllegalArgumentException.class, () -> new VirtualMac("sixteen-chars-xx",
                MacAddress.ZERO, false, Optional.empty()));
    }

    @Test
    void interfacesWithAndWithoutVmac() {
        VrrpInstanceSettings plain = instance("P", 1);
        assertEquals("eth0", plain.advertInterface());
        assertEquals("eth0", plain.vipInterface());
        VrrpInstanceSettings vmac = instance("V", 51).withVirtualMac(VirtualMac.keepalivedDefault(51, AddressFamily.IPV4));
        assertEquals("vrrp.51", vmac.advertInterface());
        assertEquals("vrrp.51", vmac.vipInterface());
        assertEquals("vrrp.51", vmac.vipDevice(VirtualAddress.of(v4("10.0.0.1"), 24)));
        assertEquals("vrrp.51", vmac.vipDevice(new VirtualAddress(v4("10.0.0.2"), 24, Optional.empty(), Optional.of("eth0"))));
        assertEquals("eth1", vmac.vipDevice(new VirtualAddress(v4("10.0.0.3"), 24, Optional.empty(), Optional.of("eth1"))));
        VrrpInstanceSettings xmitBase = instance("X", 52).withVirtualMac(new VirtualMac("vrrp.52",
                VirtualMac.routerMac(52, AddressFamily.IPV4), true, Optional.empty()));
        assertEquals("eth0", xmitBase.advertInterface());
        assertEquals("vrrp.52", xmitBase.vipInterface());
        assertEquals("vrrp.51", PacketDispatcher.keyOf(vmac).interfaceName());
    }

    @Test
    void multicastGroupMustBeAMulticastAddressOfTheFamily() throws Exception {
        assertEquals(VrrpWire.IPV4_GROUP, instance("P", 1).multicastDestination());
        InetAddress group = InetAddress.getByName("224.0.0.50");
        assertEquals(group, instance("P", 1).withMulticastGroup(group).multicastDestination());
        assertThrows(IllegalArgumentException.class,
                () -> instance("P", 1).withMulticastGroup(InetAddress.getByName("10.0.0.9")));
        assertThrows(IllegalArgumentException.class,
                () -> instance("P", 1).withMulticastGroup(InetAddress.getByName("ff02::12")));
    }

    @Test
    void eachSocketJoinsTheIanaGroupAndEveryInstanceGroupOnIt() throws Exception {
        InetAddress group = InetAddress.getByName("224.0.0.50");
        VrrpInstanceSettings a = instance("A", 1);
        VrrpInstanceSettings b = instance("B", 2).withMulticastGroup(group);
        VrrpInstanceSettings c = instance("C", 3).withVirtualMac(VirtualMac.keepalivedDefault(3, AddressFamily.IPV4))
                .withMulticastGroup(group);
        Map<PacketDispatcher.SocketKey, Set<InetAddress>> groups = LiveSet.groups(List.of(a, b, c));
        assertEquals(Set.of(VrrpWire.IPV4_GROUP, group),
                groups.get(new PacketDispatcher.SocketKey("eth0", AddressFamily.IPV4)));
        assertEquals(Set.of(VrrpWire.IPV4_GROUP, group),
                groups.get(new PacketDispatcher.SocketKey("vrrp.3", AddressFamily.IPV4)));
        assertEquals(2, groups.size());
    }

    @Test
    void anotherVmacOrGroupIsAnotherInstanceAtReload() throws Exception {
        VrrpInstanceSettings before = instance("V", 51);
        InstanceDiff vmac = InstanceDiff.of(List.of(before),
                List.of(before.withVirtualMac(VirtualMac.keepalivedDefault(51, AddressFamily.IPV4))));
        assertEquals(1, vmac.removed().size());
        assertEquals(1, vmac.added().size());
        InstanceDiff group = InstanceDiff.of(List.of(before),
                List.of(before.withMulticastGroup(InetAddress.getByName("224.0.0.50"))));
        assertEquals(1, group.removed().size());
        InstanceDiff iana = InstanceDiff.of(List.of(before), List.of(before.withMulticastGroup(VrrpWire.IPV4_GROUP)));
        assertTrue(iana.removed().isEmpty(), "the IANA group written out is the same instance");
    }

    @Test
    void eui64LinkLocalOfAMac() throws Exception {
        assertEquals(InetAddress.getByName("fe80::200:5eff:fe00:233"),
                VmacInterfaces.eui64LinkLocal(MacAddress.parse("00:00:5e:00:02:33").orElseThrow()));
    }
}
