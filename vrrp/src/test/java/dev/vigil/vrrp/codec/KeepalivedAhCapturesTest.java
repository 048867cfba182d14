package dev.vigil.vrrp.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.vrrp.codec.DecodeResult.Decoded;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Byte vectors of keepalived's {@code auth_type AH} adverts ({@code keepalived-ah-captures.txt},
 * captured from Debian's keepalived 2.2.7): Vigil decodes them, accepts their ICV with the
 * configured password and refuses it with another, and re-encodes each one byte for byte from
 * the decoded advert, the IP ID, TTL, addresses and sequence number keepalived used.
 */
class KeepalivedAhCapturesTest {

    /** One record of the resource file. */
    record Capture(String name, String password, boolean unicast, byte[] bytes) {
    }

    static List<Capture> captures() throws IOException {
        List<Capture> out = new ArrayList<>();
        try (InputStream in = KeepalivedAhCapturesTest.class.getResourceAsStream(
                "/dev/vigil/vrrp/codec/keepalived-ah-captures.txt")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String block : text.split("\n\n")) {
                if (block.startsWith("#")) {
                    continue;
                }
                String name = null;
                String password = null;
                boolean unicast = false;
                byte[] bytes = null;
                for (String line : block.strip().split("\n")) {
                    String value = line.substring(line.indexOf(':') + 1).strip();
                    switch (line.substring(0, line.indexOf(':'))) {
                        case "name" -> name = value;
                        case "password" -> password = value;
                        case "unicast" -> unicast = Boolean.parseBoolean(value);
                        case "bytes" -> bytes = HexFormat.ofDelimiter(" ").parseHex(value);
                        default -> throw new IllegalStateException("unknown key in " + line);
                    }
                }
                out.add(new Capture(name, password, unicast, bytes));
            }
        }
        // A fixture loop that matches nothing must not pass (STYLE.md, MetalLB's lesson).
        assertEquals(6, out.size(), "captures in the resource");
        return out;
    }

    @Test
    void keepalivedAhAdvertsDecodeWithTheirAhHeader() throws IOException {
        for (Capture capture : captures()) {
            Decoded decoded = decode(capture);
            Advertisement advert = decoded.advert();
            assertEquals(VrrpVersion.V2, advert.version(), capture.name());
            assertEquals(AuthType.AH, advert.authType(), capture.name());
            assertTrue(advert.authData().isZero(), capture.name() + ": keepalived sends zero auth bytes with AH");
            assertEquals(ChecksumMatch.MESSAGE_ONLY, decoded.checksum(), capture.name());
            ReceivedAh ah = decoded.ipsecAh().orElseThrow();
            assertEquals(VrrpWire.PROTOCOL, ah.nextHeader(), capture.name());
            assertEquals(IpsecAh.PAYLOAD_LENGTH_WORDS, ah.payloadLengthWords(), capture.name());
            assertTrue(ah.spiIsSource(), capture.name() + ": SPI is the source address");
            // keepalived's IP ID and AH sequence both count from 1 per instance, one per advert.
            assertEquals(identification(capture.bytes()), ah.sequence(), capture.name());
            assertEquals(capture.name().contains("priority0"), advert.priority() == 0, capture.name());
        }
    }

    @Test
    void icvVerifiesWithTheConfiguredPasswordOnly() throws IOException {
        for (Capture capture : captures()) {
            ReceivedAh ah = decode(capture).ipsecAh().orElseThrow();
            assertTrue(ah.icvMatches(AuthData.fromPassword(capture.password()), capture.unicast()), capture.name());
            assertFalse(ah.icvMatches(AuthData.fromPassword("wrongpw"), capture.unicast()), capture.name());
            // keepalived keeps the multicast TTL in the ICV and zeroes it for unicast only.
            assertFalse(ah.icvMatches(AuthData.fromPassword(capture.password()), !capture.unicast()), capture.name());
        }
    }

    @Test
    void encoderReproducesKeepalivedByteForByte() throws IOException {
        for (Capture capture : captures()) {
            Decoded decoded = decode(capture);
            byte[] packet = capture.bytes();
            Ipv4HeaderFields header = new Ipv4HeaderFields(identification(packet), packet[8] & 0xFF,
                    (Inet4Address) decoded.source(), (Inet4Address) decoded.destination());
            byte[] ours = IpsecAhPacketEncoder.encode(decoded.advert(), header,
                    AuthData.fromPassword(capture.password()), decoded.ipsecAh().orElseThrow().sequence(),
                    capture.unicast());
            assertArrayEquals(packet, ours, capture.name() + ": " + HexFormat.ofDelimiter(" ").formatHex(ours));
        }
    }

    private static Decoded decode(Capture capture) {
        DecodeResult result = new VrrpDecoder().decode(capture.bytes(), RxMeta.ipv4WithHeader());
        return assertInstanceOf(Decoded.class, result, () -> capture.name() + ": " + result);
    }

    private static int identification(byte[] packet) {
        return ((packet[4] & 0xFF) << 8) | (packet[5] & 0xFF);
    }
}
