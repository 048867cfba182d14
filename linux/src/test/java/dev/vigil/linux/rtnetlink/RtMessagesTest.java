package dev.vigil.linux.rtnetlink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.linux.netlink.NetlinkMessage;
import dev.vigil.linux.packet.MacAddress;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RtMessagesTest {

    @BeforeEach
    void littleEndianHost() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "byte vectors are written for little-endian hosts");
    }

    private static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replaceAll("\\s", ""));
    }

    private static NetlinkMessage only(byte[] bytes) {
        return NetlinkMessage.split(bytes, bytes.length).messages().get(0);
    }

    @Test
    void newIpv4AddressWithLabelAndBroadcast() throws Exception {
        InterfaceAddress address = InterfaceAddress.of(3, InetAddress.getByName("10.0.0.1"), 24)
                .withLabel("eth0:1").withBroadcast((Inet4Address) InetAddress.getByName("10.0.0.255"));
        assertArrayEquals(hex("""
                3c000000 1400 0106 07000000 00000000
                02 18 00 00 03000000
                0800 0200 0a000001
                0800 0100 0a000001
                0b00 0300 657468303a3100 00
                0800 0400 0a0000ff"""), RtMessages.newAddress(address).build(7, 0));
    }

    @Test
    void newIpv6AddressWithFlagsAndScope() throws Exception {
        InterfaceAddress address = InterfaceAddress.of(5, InetAddress.getByName("fd00::5"), 64)
                .withFlags(Set.of(AddressFlag.NOPREFIXROUTE, AddressFlag.NODAD)).withScope(AddressScope.LINK)
                .withLabel("ignored-for-v6");
        assertArrayEquals(hex("""
                48000000 1400 0106 01000000 00000000
                0a 40 02 fd 05000000
                1400 0200 fd000000000000000000000000000005
                1400 0100 fd000000000000000000000000000005
                0800 0800 02020000"""), RtMessages.newAddress(address).build(1, 0));
    }

    @Test
    void deleteCarriesNoBroadcastOrFlags() throws Exception {
        InterfaceAddress address = InterfaceAddress.of(3, InetAddress.getByName("10.0.0.1"), 24)
                .withBroadcast((Inet4Address) InetAddress.getByName("10.0.0.255"))
                .withFlags(Set.of(AddressFlag.NOPREFIXROUTE));
        assertArrayEquals(hex("""
                28000000 1500 0100 02000000 00000000
                02 18 00 00 03000000
                0800 0200 0a000001
                0800 0100 0a000001"""), RtMessages.deleteAddress(address).build(2, 0));
    }

    @Test
    void dumpRequests() {
        assertArrayEquals(hex("18000000 1600 0103 01000000 00000000 00 00 00 00 00000000"),
                RtMessages.dumpAddresses().build(1, 0));
        assertArrayEquals(hex("20000000 1200 0103 01000000 00000000 00000000 00000000 00000000 00000000"),
                RtMessages.dumpLinks().build(1, 0));
    }

    @Test
    void decodesALink() {
        byte[] bytes = hex("""
                48000000 1000 0000 00000000 00000000
                00 00 0100 04000000 43100100 00000000
                0a00 0300 7665746830 000000
                0800 0400 dc050000
                0a00 0100 02000a000001 0000
                0500 1000 06 000000""");
        Link link = RtMessages.decodeLink(only(bytes)).orElseThrow();
        assertEquals(new Link(4, "veth0", MacAddress.parse("02:00:0a:00:00:01"), 1500, 0x11043, 6), link);
        assertTrue(link.isUp());
        assertTrue(link.isRunning());
        assertTrue(link.hasCarrier());
    }

    @Test
    void decodesAnIpv4AddressPreferringLocalOverPeer() throws Exception {
        byte[] bytes = hex("""
                3c000000 1400 0000 00000000 00000000
                02 20 80 00 02000000
                0800 0100 0a0000fe
                0800 0200 0a000001
                0b00 0300 657468303a3100 00
                0800 0400 0a0000ff""");
        InterfaceAddress address = RtMessages.decodeAddress(only(bytes)).orElseThrow();
        assertEquals(new InterfaceAddress(2, InetAddress.getByName("10.0.0.1"), 32, 0, Set.of(AddressFlag.PERMANENT),
                Optional.of("eth0:1"), Optional.of((Inet4Address) InetAddress.getByName("10.0.0.255"))), address);
    }

    @Test
    void decodesIpv6FlagsFromTheThirtyTwoBitAttribute() throws Exception {
        byte[] bytes = hex("""
                34000000 1500 0000 00000000 00000000
                0a 40 80 00 07000000
                1400 0100 fd000000000000000000000000000005
                0800 0800 80020000""");
        InterfaceAddress address = RtMessages.decodeAddress(only(bytes)).orElseThrow();
        assertEquals(Set.of(AddressFlag.PERMANENT, AddressFlag.NOPREFIXROUTE), address.flags());
        assertEquals("fd00::5/64", address.cidr());
        assertTrue(address.isIpv6());
    }

    @Test
    void rejectsMalformedAddressMessages() {
        assertTrue(RtMessages.decodeAddress(only(hex("14000000 1400 0000 00000000 00000000 02180000"))).isEmpty(),
                "shorter than ifaddrmsg");
        assertTrue(RtMessages.decodeAddress(only(hex("18000000 1400 0000 00000000 00000000 02 21 00 00 01000000")))
                .isEmpty(), "no address attribute");
        assertTrue(RtMessages.decodeAddress(only(hex(
                "20000000 1400 0000 00000000 00000000 0a 40 00 00 01000000 0800 0100 0a000001"))).isEmpty(),
                "IPv6 family with a 4-byte address");
        assertTrue(RtMessages.decodeLink(only(hex("14000000 1000 0000 00000000 00000000 00000000"))).isEmpty());
    }

    @Test
    void interfaceAddressValidation() throws Exception {
        InetAddress v4 = InetAddress.getByName("10.0.0.1");
        assertThrows(IllegalArgumentException.class, () -> InterfaceAddress.of(1, v4, 33));
        assertThrows(IllegalArgumentException.class,
                () -> InterfaceAddress.of(1, InetAddress.getByName("::1"), 129));
        assertThrows(IllegalArgumentException.class, () -> InterfaceAddress.of(1, v4, 24).withLabel("a-very-long-label"));
        assertEquals(Optional.of(AddressScope.HOST), AddressScope.of(254));
        assertEquals(Optional.empty(), AddressScope.of(7));
    }
}
