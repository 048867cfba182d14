package dev.vigil.healthcheck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void statusCodesParseCodesAndRanges() {
        StatusCodes codes = StatusCodes.parse("200-204", "301", "404-404").orElseThrow();
        assertTrue(codes.accepts(200) && codes.accepts(204) && codes.accepts(301) && codes.accepts(404));
        assertFalse(codes.accepts(205) || codes.accepts(300) || codes.accepts(0) || codes.accepts(700));
        assertEquals("200-204 301 404", codes.toString());
        assertEquals("200-299", StatusCodes.defaults().toString());
        assertEquals(StatusCodes.range(200, 299), StatusCodes.parse("200-299").orElseThrow());
    }

    @Test
    void statusCodesRejectMalformedOrOutOfRange() {
        for (String bad : new String[] {"99", "600", "300-200", "abc", "2x0", "-200", "200-", ""}) {
            assertEquals(Optional.empty(), StatusCodes.parse(bad), bad);
        }
        assertEquals(Optional.empty(), StatusCodes.parse());
    }

    @Test
    void digestsAreThirtyTwoHexDigits() {
        assertEquals("d41d8cd98f00b204e9800998ecf8427e", Md5Digest.parse("D41D8CD98F00B204E9800998ECF8427E").orElseThrow().hex());
        assertEquals(Optional.empty(), Md5Digest.parse("d41d8cd98f00b204e9800998ecf8427"));
        assertEquals(Optional.empty(), Md5Digest.parse("g41d8cd98f00b204e9800998ecf8427e"));
        assertThrows(IllegalArgumentException.class, () -> new Md5Digest("xyz"));
    }

    @Test
    void hexPatternsFollowReadHexStr() {
        HexPattern spaced = HexPattern.parseBytes("01 2 abCD").orElseThrow();
        assertArrayEquals(HexFormat.of().parseHex("0102abcd"), spaced.bytes());
        assertEquals(Optional.empty(), HexPattern.parseBytes("0x"), "wildcards only in reply patterns");
        assertEquals(Optional.empty(), HexPattern.parseBytes("zz"));
        assertEquals(Optional.empty(), HexPattern.parseBytes("   "));

        HexPattern wild = HexPattern.parsePattern("ABxX 1x").orElseThrow();
        assertEquals("ABXX1X", wild.toString());
        byte[] reply = HexFormat.of().parseHex("ab771fffff");
        assertTrue(wild.matchesPrefix(reply, reply.length));
        byte[] wrong = HexFormat.of().parseHex("ab772f");
        assertFalse(wild.matchesPrefix(wrong, wrong.length));
        byte[] shorter = HexFormat.of().parseHex("ab");
        assertTrue(wild.matchesPrefix(shorter, shorter.length), "only the shorter length is compared");
    }

    @Test
    void udpReplyRulesApplyLengthsOnlyWithAPattern() {
        byte[] reply = new byte[300];
        assertEquals(Optional.empty(), UdpReplyRule.anyReply().judge(reply, 300));
        UdpReplyRule pattern = UdpReplyRule.matching(HexPattern.parsePattern("00").orElseThrow()).withLengths(2, 10);
        assertTrue(pattern.judge(reply, 1).isPresent());
        assertEquals(Optional.empty(), pattern.judge(reply, 2));
        assertTrue(pattern.judge(reply, 11).isPresent());
        assertThrows(IllegalArgumentException.class,
                () -> new UdpReplyRule(false, HexPattern.parsePattern("00"), 0, 255));
    }

    @Test
    void specsCompareByValueForReloadDiffs() {
        UrlSpec.RegexRule a = new UrlSpec.RegexRule(java.util.regex.Pattern.compile("ok"), false);
        UrlSpec.RegexRule b = new UrlSpec.RegexRule(java.util.regex.Pattern.compile("ok"), false);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertFalse(a.equals(new UrlSpec.RegexRule(java.util.regex.Pattern.compile("ok"), true)));
        ConnectOptions target = ConnectOptions.to(new java.net.InetSocketAddress("127.0.0.1", 53));
        CheckSpec one = new CheckSpec.UdpCheck(target, CheckTiming.defaults(CheckKind.UDP_CHECK),
                HexPattern.parseBytes("0102"), UdpReplyRule.none());
        CheckSpec two = new CheckSpec.UdpCheck(target, CheckTiming.defaults(CheckKind.UDP_CHECK),
                HexPattern.parseBytes("01 02"), UdpReplyRule.none());
        assertEquals(one, two);
    }

    @Test
    void httpProtocolAndDnsTypeKeywords() {
        assertEquals(Optional.of(HttpProtocol.HTTP_1_0_CLOSE), HttpProtocol.parse("1.0c"));
        assertEquals(Optional.of(HttpProtocol.HTTP_1_0_CLOSE), HttpProtocol.parse("1.0C"));
        assertEquals(Optional.empty(), HttpProtocol.parse("2"));
        assertEquals(Optional.of(DnsType.AAAA), DnsType.parse("aaaa"));
        assertEquals(28, DnsType.AAAA.code());
        assertEquals(Optional.empty(), DnsType.parse("PTR"));
    }
}
