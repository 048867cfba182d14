package dev.vigil.vrrp.codec;

import static dev.vigil.vrrp.codec.Fixtures.GROUP4;
import static dev.vigil.vrrp.codec.Fixtures.GROUP6;
import static dev.vigil.vrrp.codec.Fixtures.REFERENCE_VIPS;
import static dev.vigil.vrrp.codec.Fixtures.ip4;
import static dev.vigil.vrrp.codec.Fixtures.ip6;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.linux.packet.InternetChecksum;
import dev.vigil.vrrp.codec.DecodeResult.Decoded;
import dev.vigil.vrrp.codec.DecodeResult.Rejected;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One test (at least) per {@link RejectReason}, each naming the rule, plus the order between
 * checks where keepalived's order decides the reason. {@link #everyReasonWasExercised()}
 * fails if a reason is added without a test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RejectReasonTest {

    private final Set<RejectReason> seen = EnumSet.noneOf(RejectReason.class);
    private int testsRun;
    private static final VrrpDecoder DECODER = new VrrpDecoder();
    private static final Advertisement V2 = Advertisement.v2(51, 100, AuthType.PASS, AuthData.fromPassword("1111"), 1,
            AddressFamily.IPV4, REFERENCE_VIPS);
    private static final Advertisement V3 = Advertisement.v3(51, 100, 100, AddressFamily.IPV4, REFERENCE_VIPS);
    private static final int VRRP = Ipv4PacketEncoder.HEADER_LENGTH;

    private static byte[] packet(Advertisement advert, int ttl) {
        return Ipv4PacketEncoder.encode(advert, new Ipv4HeaderFields(1, ttl, ip4("10.0.0.1"), GROUP4), false);
    }

    private void expect(RejectReason reason, DecodeResult result) {
        Rejected rejected = assertInstanceOf(Rejected.class, result, () -> "expected " + reason + ", got " + result);
        assertEquals(reason, rejected.reason(), rejected.detail());
        assertTrue(!rejected.detail().isBlank());
        seen.add(reason);
    }

    private static byte[] mutate(byte[] packet, Consumer<byte[]> change) {
        byte[] copy = packet.clone();
        change.accept(copy);
        return copy;
    }

    /** Recomputes the VRRPv2 checksum so a mutation is judged by the check it targets. */
    private static void fixV2Checksum(byte[] packet) {
        packet[VRRP + 6] = 0;
        packet[VRRP + 7] = 0;
        int sum = InternetChecksum.of(packet, VRRP, packet.length - VRRP);
        packet[VRRP + 6] = (byte) (sum >>> 8);
        packet[VRRP + 7] = (byte) sum;
    }

    @Test
    void tooShortForTheHeaders() {
        // keepalived vrrp_get_header: IP header plus the 8-byte VRRP header must be present.
        expect(RejectReason.TOO_SHORT_FOR_HEADER, DECODER.decode(new byte[7], RxMeta.ipv4(ip4("10.0.0.1"), GROUP4, 255)));
        expect(RejectReason.TOO_SHORT_FOR_HEADER, DECODER.decode(new byte[19], RxMeta.ipv4WithHeader()));
        expect(RejectReason.TOO_SHORT_FOR_HEADER, DECODER.decode(Arrays.copyOf(packet(V2, 255), 27), RxMeta.ipv4WithHeader()));
        expect(RejectReason.TOO_SHORT_FOR_HEADER, DECODER.decode(new byte[0], RxMeta.ipv6(ip6("fe80::1"), GROUP6, 255, true)));
    }

    @Test
    void malformedIpHeader() {
        // RFC 791: version 4, IHL of at least 5 words.
        expect(RejectReason.MALFORMED_IP_HEADER, DECODER.decode(mutate(packet(V2, 255), p -> p[0] = 0x65), RxMeta.ipv4WithHeader()));
        expect(RejectReason.MALFORMED_IP_HEADER, DECODER.decode(mutate(packet(V2, 255), p -> p[0] = 0x44), RxMeta.ipv4WithHeader()));
    }

    @Test
    void ipOptionsAreSkippedNotRejected() {
        // RFC 791: IHL counts 32-bit words; keepalived finds the VRRP header at ihl << 2.
        byte[] plain = packet(V2, 255);
        byte[] withOptions = new byte[plain.length + 4];
        System.arraycopy(plain, 0, withOptions, 0, 20);
        System.arraycopy(plain, 20, withOptions, 24, plain.length - 20);
        withOptions[0] = 0x46;
        withOptions[3] = (byte) withOptions.length;
        Decoded decoded = assertInstanceOf(Decoded.class, DECODER.decode(withOptions, RxMeta.ipv4WithHeader()));
        assertEquals(V2, decoded.advert());
    }

    @Test
    void otherProtocolAndAh() {
        expect(RejectReason.NOT_VRRP_PROTOCOL, DECODER.decode(mutate(packet(V2, 255), p -> p[9] = 17), RxMeta.ipv4WithHeader()));
        // Protocol 51 puts a 24-byte AH header before the VRRP header: this 48-byte packet has no
        // room for both (keepalived vrrp_get_header, "IPv4 VRRP packet with AH too short").
        expect(RejectReason.TOO_SHORT_FOR_HEADER, DECODER.decode(mutate(packet(V2, 255), p -> p[9] = 51), RxMeta.ipv4WithHeader()));
    }

    @Test
    void addressCountTooBigForThePacket() {
        // RFC 3768 §7.1: MUST verify the packet contains the complete message (check #2, "too short").
        byte[] p = mutate(packet(V2, 255), b -> {
            b[VRRP + 3] = 4;
            fixV2Checksum(b);
        });
        expect(RejectReason.TOO_SHORT_FOR_ADDRESSES, DECODER.decode(p, RxMeta.ipv4WithHeader()));
        expect(RejectReason.TOO_SHORT_FOR_ADDRESSES,
                DECODER.decode(mutate(packet(V2, 255), b -> b[VRRP + 3] = (byte) 255), RxMeta.ipv4WithHeader()));
        // v2 over IPv4 also needs its 8 auth bytes.
        expect(RejectReason.TOO_SHORT_FOR_ADDRESSES, DECODER.decode(Arrays.copyOf(packet(V2, 255), 44), RxMeta.ipv4WithHeader()));
    }

    @Test
    void tooLong() {
        // 48-byte packet: no Ethernet padding is possible above 46 bytes (check #2, "too long").
        expect(RejectReason.TOO_LONG, DECODER.decode(Arrays.copyOf(packet(V2, 255), 50), RxMeta.ipv4WithHeader()));
        // 28-byte packet: padding must be 2 mod 4 (VLAN tags are 4 bytes) and at most 46 in all.
        byte[] small = packet(Advertisement.v3(1, 100, 100, AddressFamily.IPV4, List.of()), 255);
        expect(RejectReason.TOO_LONG, DECODER.decode(Arrays.copyOf(small, 29), RxMeta.ipv4WithHeader()));
        expect(RejectReason.TOO_LONG, DECODER.decode(Arrays.copyOf(small, 50), RxMeta.ipv4WithHeader()));
        assertInstanceOf(Decoded.class, DECODER.decode(Arrays.copyOf(small, 42), RxMeta.ipv4WithHeader()));
        // Without an IP header nothing tells padding from data.
        byte[] message = VrrpEncoder.encode(V3, ChecksumRule.MESSAGE_ONLY);
        expect(RejectReason.TOO_LONG, new VrrpDecoder(DecodeOptions.DEFAULT.withV3ChecksumAsV2(true))
                .decode(Arrays.copyOf(message, message.length + 2), RxMeta.ipv4(ip4("10.0.0.1"), GROUP4, 255)));
    }

    @Test
    void ttlMustBe255ForMulticastOnly() {
        // RFC 3768 §7.1 / RFC 5798 §7.1; keepalived check #3 exempts unicast.
        expect(RejectReason.TTL_NOT_255, DECODER.decode(packet(V2, 254), RxMeta.ipv4WithHeader()));
        byte[] unicast = Ipv4PacketEncoder.encode(V2, new Ipv4HeaderFields(1, 64, ip4("10.0.0.1"), ip4("10.0.0.2")), false);
        assertInstanceOf(Decoded.class, DECODER.decode(unicast, RxMeta.ipv4WithHeader()));
        byte[] v6 = VrrpEncoder.encode(Advertisement.v3(1, 100, 100, AddressFamily.IPV6, List.of()), ChecksumRule.LEFT_FOR_KERNEL);
        expect(RejectReason.TTL_NOT_255, DECODER.decode(v6, RxMeta.ipv6(ip6("fe80::1"), GROUP6, 1, true)));
        assertInstanceOf(Decoded.class, DECODER.decode(v6, RxMeta.ipv6(ip6("fe80::1"), GROUP6, RxMeta.UNKNOWN_HOP_LIMIT, true)),
                "an unknown hop limit is not checked (keepalived rx_ttl_hl -1)");
    }

    @Test
    void unsupportedVersion() {
        // Check #4: v3-sized packet (no auth bytes) with version 4 and 1.
        expect(RejectReason.UNSUPPORTED_VERSION, DECODER.decode(mutate(packet(V3, 255), p -> p[VRRP] = 0x41), RxMeta.ipv4WithHeader()));
        expect(RejectReason.UNSUPPORTED_VERSION, DECODER.decode(mutate(packet(V3, 255), p -> p[VRRP] = 0x11), RxMeta.ipv4WithHeader()));
    }

    @Test
    void invalidAuthType() {
        // RFC 3768 §5.3.6, keepalived check #6: only 0, 1, 2.
        byte[] p = mutate(packet(V2, 255), b -> {
            b[VRRP + 4] = 3;
            fixV2Checksum(b);
        });
        expect(RejectReason.INVALID_AUTH_TYPE, DECODER.decode(p, RxMeta.ipv4WithHeader()));
    }

    @Test
    void invalidType() {
        // RFC 3768 §5.3.2: a packet with unknown type MUST be discarded (check #11).
        byte[] p = mutate(packet(V2, 255), b -> {
            b[VRRP] = 0x22;
            fixV2Checksum(b);
        });
        expect(RejectReason.INVALID_TYPE, DECODER.decode(p, RxMeta.ipv4WithHeader()));
    }

    @Test
    void ipTotalLengthMismatch() {
        // Check #12: tot_len must match what arrived.
        expect(RejectReason.IP_TOTAL_LENGTH_MISMATCH,
                DECODER.decode(mutate(packet(V2, 255), p -> p[3] = 0x31), RxMeta.ipv4WithHeader()));
        byte[] small = packet(Advertisement.v3(1, 100, 100, AddressFamily.IPV4, List.of()), 255);
        expect(RejectReason.IP_TOTAL_LENGTH_MISMATCH,
                DECODER.decode(mutate(Arrays.copyOf(small, 46), p -> p[3] = 0x1d), RxMeta.ipv4WithHeader()));
    }

    @Test
    void checksums() {
        // RFC 3768 §7.1 / RFC 5798 §7.1: MUST verify the checksum (check #14).
        expect(RejectReason.BAD_CHECKSUM_V2, DECODER.decode(mutate(packet(V2, 255), p -> p[VRRP + 2] = 99), RxMeta.ipv4WithHeader()));
        expect(RejectReason.BAD_CHECKSUM_V3, DECODER.decode(mutate(packet(V3, 255), p -> p[VRRP + 2] = 99), RxMeta.ipv4WithHeader()));
        byte[] asV2 = Ipv4PacketEncoder.encode(V3, new Ipv4HeaderFields(1, 255, ip4("10.0.0.1"), GROUP4), true);
        VrrpDecoder asV2Decoder = new VrrpDecoder(DecodeOptions.DEFAULT.withV3ChecksumAsV2(true));
        assertInstanceOf(Decoded.class, asV2Decoder.decode(asV2, RxMeta.ipv4WithHeader()));
        expect(RejectReason.BAD_CHECKSUM_V3_AS_V2, asV2Decoder.decode(mutate(asV2, p -> p[VRRP + 2] = 99), RxMeta.ipv4WithHeader()));
        VrrpDecoder old = new VrrpDecoder(DecodeOptions.DEFAULT.withOldUnicastChecksum(DecodeOptions.OldUnicastChecksum.ALWAYS));
        byte[] unicast = Ipv4PacketEncoder.encode(V3, new Ipv4HeaderFields(1, 255, ip4("10.0.0.1"), ip4("10.0.0.2")), false);
        expect(RejectReason.BAD_CHECKSUM_V3_OLD_UNICAST, old.decode(unicast, RxMeta.ipv4WithHeader()));
        byte[] v6 = VrrpEncoder.encode(Advertisement.v3(1, 100, 100, AddressFamily.IPV6, List.of(ip6("fe80::9"))),
                new ChecksumRule.Ipv6PseudoHeader(ip6("fe80::1"), GROUP6));
        assertInstanceOf(Decoded.class, DECODER.decode(v6, RxMeta.ipv6(ip6("fe80::1"), GROUP6, 255, false)));
        expect(RejectReason.BAD_CHECKSUM_IPV6, DECODER.decode(v6, RxMeta.ipv6(ip6("fe80::2"), GROUP6, 255, false)));
    }

    @Test
    void oldUnicastFallbackIsNotTriedForMulticast() {
        // keepalived tries the group destination only for unicast (vrrp.c 1204-1207).
        byte[] p = mutate(packet(V3, 255), b -> b[VRRP + 2] = 99);
        expect(RejectReason.BAD_CHECKSUM_V3, DECODER.decode(p, RxMeta.ipv4WithHeader()));
    }

    @Test
    void keepalivedOrderLengthBeforeTtlBeforeVersionBeforeTypeBeforeChecksum() {
        byte[] bad = mutate(packet(V3, 200), p -> {
            p[VRRP] = 0x52;
            p[VRRP + 7] ^= 1;
        });
        expect(RejectReason.TOO_LONG, DECODER.decode(Arrays.copyOf(bad, bad.length + 1), RxMeta.ipv4WithHeader()));
        expect(RejectReason.TTL_NOT_255, DECODER.decode(bad, RxMeta.ipv4WithHeader()));
        byte[] ttlFixed = mutate(bad, p -> p[8] = (byte) 255);
        expect(RejectReason.UNSUPPORTED_VERSION, DECODER.decode(ttlFixed, RxMeta.ipv4WithHeader()));
        byte[] versionFixed = mutate(ttlFixed, p -> p[VRRP] = 0x32);
        expect(RejectReason.INVALID_TYPE, DECODER.decode(versionFixed, RxMeta.ipv4WithHeader()));
        byte[] typeFixed = mutate(versionFixed, p -> p[VRRP] = 0x31);
        expect(RejectReason.BAD_CHECKSUM_V3, DECODER.decode(typeFixed, RxMeta.ipv4WithHeader()));
    }

    @Test
    void reasonsNameKeepalivedStatistics() {
        assertEquals("chk_err", RejectReason.BAD_CHECKSUM_V2.keepalivedStatistic());
        assertEquals("packet_len_err", RejectReason.TOO_SHORT_FOR_ADDRESSES.keepalivedStatistic());
        assertEquals("ip_ttl_err", RejectReason.TTL_NOT_255.keepalivedStatistic());
    }

    @AfterEach
    void countRun() {
        testsRun++;
    }

    /** Only meaningful when the whole class ran; a single selected test skips the check. */
    @AfterAll
    void everyReasonWasExercised() {
        long declared = Arrays.stream(RejectReasonTest.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Test.class)).count();
        if (testsRun < declared) {
            return;
        }
        Set<RejectReason> missing = EnumSet.allOf(RejectReason.class);
        missing.removeAll(seen);
        assertEquals(Set.of(), missing, "reject reasons without a test");
    }
}
