package dev.vigil.linux.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class FrameBuildersTest {

    private static final MacAddress MAC = MacAddress.parse("02:00:0a:00:00:01").orElseThrow();

    private static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replace(" ", ""));
    }

    @Test
    void gratuitousArpRequestAsKeepalivedSendsIt() throws Exception {
        byte[] frame = GratuitousArp.frame(MAC, (Inet4Address) InetAddress.getByName("10.0.0.1"),
                ArpOperation.REQUEST);
        assertArrayEquals(hex("ffffffffffff 02000a000001 0806"
                + " 0001 0800 06 04 0001"
                + " 02000a000001 0a000001"
                + " ffffffffffff 0a000001"), frame);
    }

    @Test
    void gratuitousArpReplyWithZeroTarget() throws Exception {
        byte[] frame = GratuitousArp.frame(MAC, (Inet4Address) InetAddress.getByName("192.168.7.9"),
                ArpOperation.REPLY, MacAddress.ZERO);
        assertArrayEquals(hex("ffffffffffff 02000a000001 0806"
                + " 0001 0800 06 04 0002"
                + " 02000a000001 c0a80709"
                + " 000000000000 c0a80709"), frame);
    }

    @Test
    void unsolicitedNeighborAdvertisementVector() throws Exception {
        // Expected bytes computed independently (a short script summing the pseudo-header).
        byte[] frame = NeighborAdvertisement.unsolicited(MAC, (Inet6Address) InetAddress.getByName("fe80::1"),
                (Inet6Address) InetAddress.getByName("fd00::10"), false);
        assertArrayEquals(hex("333300000001 02000a000001 86dd"
                + " 60000000 0020 3a ff"
                + " fe800000000000000000000000000001"
                + " ff020000000000000000000000000001"
                + " 88 00 4f0c 20000000"
                + " fd000000000000000000000000000010"
                + " 02 01 02000a000001"), frame);
        assertEquals(NeighborAdvertisement.FRAME_LENGTH, frame.length);
    }

    @Test
    void neighborAdvertisementChecksumVerifiesToZeroAndRouterFlagIsSet() throws Exception {
        Inet6Address source = (Inet6Address) InetAddress.getByName("fe80::a:b:c:d");
        byte[] frame = NeighborAdvertisement.unsolicited(MAC, source,
                (Inet6Address) InetAddress.getByName("2001:db8::99"), true);
        byte[] icmp = java.util.Arrays.copyOfRange(frame, 54, frame.length);
        assertEquals(0xA0, icmp[4] & 0xFF, "router and override flags");
        // A correct checksum makes the sum over pseudo-header + message (checksum included) fold to zero.
        assertEquals(0, NeighborAdvertisement.icmpv6Checksum(source, NeighborAdvertisement.ALL_NODES, icmp));
    }

    @Test
    void ipv4HeaderWithChecksum() throws Exception {
        Ipv4Header header = new Ipv4Header(0xC0, 0x1234, false, 255, 112,
                (Inet4Address) InetAddress.getByName("10.0.0.1"), (Inet4Address) InetAddress.getByName("224.0.0.18"));
        byte[] packet = header.encode(ByteBuffer.wrap(hex("2101640100000000")));
        assertArrayEquals(hex("45 c0 001c 1234 0000 ff 70 be6a 0a000001 e0000012 2101640100000000"), packet);
        assertEquals(0, InternetChecksum.of(packet, 0, Ipv4Header.LENGTH));
    }

    @Test
    void ipv4HeaderRejectsOutOfRangeFields() throws Exception {
        Inet4Address a = (Inet4Address) InetAddress.getByName("10.0.0.1");
        assertThrows(IllegalArgumentException.class, () -> new Ipv4Header(256, 0, false, 255, 112, a, a));
        assertThrows(IllegalArgumentException.class, () -> new Ipv4Header(0, 0x10000, false, 255, 112, a, a));
    }

    @Test
    void internetChecksumRfc1071Example() {
        // RFC 1071 §3 example words 0001 f203 f4f5 f6f7: sum ddf2, checksum 220d.
        assertEquals(0x220D, InternetChecksum.of(hex("0001f203f4f5f6f7"), 0, 8));
        assertEquals(0xFEFF, InternetChecksum.of(hex("01"), 0, 1), "odd byte is padded with zero");
    }
}
