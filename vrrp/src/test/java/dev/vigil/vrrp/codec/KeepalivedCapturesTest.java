package dev.vigil.vrrp.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.vrrp.codec.CaptureFile.Capture;
import dev.vigil.vrrp.codec.DecodeResult.Decoded;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays the packets keepalived 2.2.7 sent (see the header of {@code keepalived-captures.txt}):
 * each must decode to the recorded advertisement, and encoding that advertisement again must
 * give the captured bytes (IPv4: the whole datagram with keepalived's IP ID; IPv6: the VRRP
 * payload with the pseudo-header checksum the kernel computed). Needs no privileges.
 */
class KeepalivedCapturesTest {

    @Test
    void fileCoversEveryKindOfCapture() throws IOException {
        List<Capture> captures = CaptureFile.load();
        assertEquals(8, captures.size(), "four instances, an advert and a resignation each");
        assertTrue(captures.stream().anyMatch(c -> c.expect().startsWith("V2 ")));
        assertTrue(captures.stream().anyMatch(c -> c.expect().contains("interval_cs=50 ")));
        assertTrue(captures.stream().anyMatch(c -> !c.meta().ipHeaderIncluded()));
        assertEquals(4, captures.stream().filter(c -> c.expect().contains("priority=0 ")).count());
    }

    @TestFactory
    Stream<DynamicTest> everyCaptureDecodesAndReencodes() throws IOException {
        List<Capture> captures = CaptureFile.load();
        assertTrue(!captures.isEmpty(), "no captures found");
        return captures.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    private static void check(Capture capture) {
        DecodeResult result = new VrrpDecoder().decode(capture.bytes(), capture.meta());
        Decoded decoded = assertInstanceOf(Decoded.class, result, () -> "refused: " + result);
        Advertisement advert = decoded.advert();
        assertTrue(capture.expect().startsWith(CaptureFile.describe(advert) + " "),
                () -> "decoded " + CaptureFile.describe(advert) + ", recorded " + capture.expect());
        assertEquals(255, decoded.hopLimit());
        if (capture.meta().ipHeaderIncluded()) {
            byte[] bytes = capture.bytes();
            assertEquals(Ipv4PacketEncoder.TOS_INTERNETWORK_CONTROL, bytes[1] & 0xFF, "TOS");
            int identification = ((bytes[4] & 0xFF) << 8) | (bytes[5] & 0xFF);
            assertNotEquals(0, identification);
            byte[] ours = Ipv4PacketEncoder.encode(advert, new Ipv4HeaderFields(identification, 255,
                    (Inet4Address) decoded.source(), (Inet4Address) decoded.destination()), false);
            assertArrayEquals(bytes, ours);
        } else {
            assertEquals(ChecksumMatch.IPV6_PSEUDO_HEADER, decoded.checksum());
            byte[] ours = VrrpEncoder.encode(advert, new ChecksumRule.Ipv6PseudoHeader(
                    (Inet6Address) decoded.source(), (Inet6Address) decoded.destination()));
            assertArrayEquals(capture.bytes(), ours);
        }
    }
}
