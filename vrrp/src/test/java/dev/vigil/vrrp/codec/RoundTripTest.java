package dev.vigil.vrrp.codec;

import static dev.vigil.vrrp.codec.Fixtures.GROUP4;
import static dev.vigil.vrrp.codec.Fixtures.GROUP6;
import static dev.vigil.vrrp.codec.Fixtures.ip4;
import static dev.vigil.vrrp.codec.Fixtures.ip6;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.vigil.vrrp.codec.DecodeResult.Decoded;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Encode then decode gives the same advertisement: v2/v3 × IPv4/IPv6 × 0..255 addresses. */
class RoundTripTest {

    private static final int[] COUNTS = {0, 1, 2, 7, 64, Advertisement.MAX_ADDRESSES};

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (VrrpVersion version : VrrpVersion.values()) {
            for (AddressFamily family : AddressFamily.values()) {
                for (int count : COUNTS) {
                    out.add(Arguments.of(version, family, count));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} with {2} addresses")
    @MethodSource("cases")
    void encodeThenDecode(VrrpVersion version, AddressFamily family, int count) {
        Advertisement advert = advert(version, family, count);
        if (family == AddressFamily.IPV4) {
            var src = ip4("10.0.0.1");
            byte[] packet = Ipv4PacketEncoder.encode(advert, new Ipv4HeaderFields(99, 255, src, GROUP4), false);
            Decoded viaHeader = decoded(new VrrpDecoder().decode(packet, RxMeta.ipv4WithHeader()));
            assertEquals(advert, viaHeader.advert());
            assertEquals(src, viaHeader.source());
            byte[] message = VrrpEncoder.encode(advert, VrrpEncoder.keepalivedRule(advert, src, GROUP4, false));
            Decoded viaMeta = decoded(new VrrpDecoder().decode(ByteBuffer.wrap(message), RxMeta.ipv4(src, GROUP4, 255)));
            assertEquals(advert, viaMeta.advert());
            assertEquals(advert.wireLength(), message.length);
        } else {
            var src = ip6("fe80::1");
            byte[] verified = VrrpEncoder.encode(advert, new ChecksumRule.Ipv6PseudoHeader(src, GROUP6));
            assertEquals(advert, decoded(new VrrpDecoder().decode(verified, RxMeta.ipv6(src, GROUP6, 255, false))).advert());
            byte[] forKernel = VrrpEncoder.encode(advert, ChecksumRule.LEFT_FOR_KERNEL);
            assertEquals(0, forKernel[6] | forKernel[7], "checksum left for IPV6_CHECKSUM");
            assertEquals(advert, decoded(new VrrpDecoder().decode(forKernel, RxMeta.ipv6(src, GROUP6, 255, true))).advert());
        }
    }

    @ParameterizedTest(name = "{0} {1} with {2} addresses")
    @MethodSource("cases")
    void decodeThenEncodeGivesTheSameBytes(VrrpVersion version, AddressFamily family, int count) {
        Advertisement advert = advert(version, family, count);
        ChecksumRule rule = family == AddressFamily.IPV4 ? ChecksumRule.MESSAGE_ONLY : ChecksumRule.LEFT_FOR_KERNEL;
        DecodeOptions options = DecodeOptions.DEFAULT.withV3ChecksumAsV2(true);
        byte[] bytes = VrrpEncoder.encode(advert, rule);
        RxMeta meta = family == AddressFamily.IPV4
                ? RxMeta.ipv4(ip4("10.0.0.1"), GROUP4, 255)
                : RxMeta.ipv6(ip6("fe80::1"), GROUP6, 255, true);
        assertArrayEquals(bytes, VrrpEncoder.encode(decoded(new VrrpDecoder(options).decode(bytes, meta)).advert(), rule));
    }

    private static Decoded decoded(DecodeResult result) {
        return assertInstanceOf(Decoded.class, result, () -> "expected an advertisement, got " + result);
    }

    /** Distinct addresses, varied fields; v2 over IPv6 is keepalived's non-RFC variant (no auth bytes). */
    private static Advertisement advert(VrrpVersion version, AddressFamily family, int count) {
        List<InetAddress> addresses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            addresses.add(family == AddressFamily.IPV4
                    ? ip4("10.9." + (i / 200) + "." + (i % 200 + 1))
                    : ip6("2001:db8::" + Integer.toHexString(i + 1)));
        }
        int vrid = 1 + count % 255;
        int priority = 255 - count % 256;
        if (version == VrrpVersion.V3) {
            return Advertisement.v3(vrid, priority, 1 + count * 16, family, addresses);
        }
        boolean auth = family == AddressFamily.IPV4;
        return Advertisement.v2(vrid, priority, auth ? AuthType.PASS : AuthType.NONE,
                auth ? AuthData.fromPassword("secret-long-pw") : AuthData.ZERO, 1 + count % 255, family, addresses);
    }
}
