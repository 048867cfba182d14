package dev.vigil.vrrp.codec;

import static dev.vigil.vrrp.codec.Fixtures.GROUP4;
import static dev.vigil.vrrp.codec.Fixtures.REFERENCE_VIPS;
import static dev.vigil.vrrp.codec.Fixtures.hex;
import static dev.vigil.vrrp.codec.Fixtures.ip4;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.vigil.linux.packet.InternetChecksum;
import dev.vigil.vrrp.codec.DecodeResult.Decoded;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The encoder reproduces the worked examples of keepalived-behaviour.md §2.2-2.3 byte for byte. */
class WorkedExamplesTest {

    private static final Advertisement V2_PASS = Advertisement.v2(51, 100, AuthType.PASS,
            AuthData.fromPassword("1111"), 1, AddressFamily.IPV4, REFERENCE_VIPS);
    private static final Advertisement V3 = Advertisement.v3(51, 100, 100, AddressFamily.IPV4, REFERENCE_VIPS);

    @Test
    void v2PassExample() {
        // RFC 3768 §5.3.8: checksum over header, addresses and the 8 auth bytes, no pseudo-header.
        assertEquals("21 33 64 03 01 01 7d 36 c0 a8 c8 10 c0 a8 c8 11 c0 a8 c8 12 31 31 31 31 00 00 00 00",
                hex(VrrpEncoder.encode(V2_PASS, ChecksumRule.MESSAGE_ONLY)));
    }

    @Test
    void v3Ipv4PseudoHeaderExample() {
        // RFC 5798 §5.2.8 as keepalived applies it to IPv4: pseudo-header with src and actual dst.
        byte[] bytes = VrrpEncoder.encode(V3, new ChecksumRule.Ipv4PseudoHeader(ip4("192.168.200.1"), GROUP4));
        assertEquals("31 33 64 03 00 64 66 f4 c0 a8 c8 10 c0 a8 c8 11 c0 a8 c8 12", hex(bytes));
    }

    @Test
    void v3ChecksumAsV2Example() {
        // keepalived v3_checksum_as_v2: same message, no pseudo-header.
        assertEquals("31 33 64 03 00 64 d0 35 c0 a8 c8 10 c0 a8 c8 11 c0 a8 c8 12",
                hex(VrrpEncoder.encode(V3, ChecksumRule.MESSAGE_ONLY)));
    }

    @Test
    void keepalivedRuleChoosesTheExampleChecksums() {
        var src = ip4("192.168.200.1");
        assertEquals(ChecksumRule.MESSAGE_ONLY, VrrpEncoder.keepalivedRule(V2_PASS, src, GROUP4, false));
        assertEquals(new ChecksumRule.Ipv4PseudoHeader(src, GROUP4), VrrpEncoder.keepalivedRule(V3, src, GROUP4, false));
        assertEquals(ChecksumRule.MESSAGE_ONLY, VrrpEncoder.keepalivedRule(V3, src, GROUP4, true));
    }

    @Test
    void fullIpv4PacketAsKeepalivedSendsIt() {
        // reference §2.2: version/IHL 4/5, TOS 0xC0, total length, ID, frag 0, TTL, protocol 112.
        byte[] packet = Ipv4PacketEncoder.encode(V2_PASS,
                new Ipv4HeaderFields(0x1234, 255, ip4("192.168.200.1"), GROUP4), false);
        assertEquals("45 c0 00 30 12 34 00 00 ff 70 3f ad c0 a8 c8 01 e0 00 00 12", hex(Arrays.copyOf(packet, 20)));
        assertEquals(0, InternetChecksum.of(packet, 0, 20), "IPv4 header checksum verifies");
        assertEquals(hex(VrrpEncoder.encode(V2_PASS, ChecksumRule.MESSAGE_ONLY)),
                hex(Arrays.copyOfRange(packet, 20, packet.length)));
    }

    @Test
    void fullIpv4V3PacketUsesItsOwnAddressesInThePseudoHeader() {
        byte[] packet = Ipv4PacketEncoder.encode(V3, new Ipv4HeaderFields(7, 255, ip4("192.168.200.1"), GROUP4), false);
        assertEquals("66 f4", hex(Arrays.copyOfRange(packet, 26, 28)));
        byte[] asV2 = Ipv4PacketEncoder.encode(V3, new Ipv4HeaderFields(7, 255, ip4("192.168.200.1"), GROUP4), true);
        assertEquals("d0 35", hex(Arrays.copyOfRange(asV2, 26, 28)));
        Decoded decoded = assertInstanceOf(Decoded.class, new VrrpDecoder().decode(packet, RxMeta.ipv4WithHeader()));
        assertEquals(V3, decoded.advert());
    }

    @Test
    void unicastPeerGetsItsOwnPseudoHeaderChecksum() {
        // reference §2.3: for unicast the destination in the pseudo-header is the peer.
        byte[] toPeer = Ipv4PacketEncoder.encode(V3, new Ipv4HeaderFields(1, 255, ip4("192.168.200.1"),
                ip4("192.168.200.2")), false);
        byte[] toGroup = Ipv4PacketEncoder.encode(V3, new Ipv4HeaderFields(1, 255, ip4("192.168.200.1"), GROUP4), false);
        assertEquals(false, Arrays.equals(Arrays.copyOfRange(toPeer, 26, 28), Arrays.copyOfRange(toGroup, 26, 28)));
        assertInstanceOf(Decoded.class, new VrrpDecoder().decode(toPeer, RxMeta.ipv4WithHeader()));
    }
}
