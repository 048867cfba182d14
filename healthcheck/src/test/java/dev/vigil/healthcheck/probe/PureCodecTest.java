package dev.vigil.healthcheck.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.healthcheck.CheckResult;
import dev.vigil.healthcheck.DnsType;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PureCodecTest {

    private static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replace(" ", ""));
    }

    @Test
    void dnsQueryHasRdSetAndOneQuestion() {
        byte[] query = DnsMessage.query(0xbeef, DnsType.A, "www.example.com").orElseThrow();
        assertArrayEquals(hex("beef 0100 0001 0000 0000 0000"
                + "03 777777 07 6578616d706c65 03 636f6d 00 0001 0001"), query);
    }

    @Test
    void dnsRootNameIsOneZeroByte() {
        byte[] expected = hex("0001 0100 0001 0000 0000 0000 00 0006 0001");
        assertArrayEquals(expected, DnsMessage.query(1, DnsType.SOA, "").orElseThrow());
        assertArrayEquals(expected, DnsMessage.query(1, DnsType.SOA, ".").orElseThrow());
        assertArrayEquals(DnsMessage.query(1, DnsType.MX, "a.b").orElseThrow(),
                DnsMessage.query(1, DnsType.MX, "a.b.").orElseThrow(), "a trailing dot changes nothing");
    }

    @Test
    void dnsNamesWithEmptyOrLongLabelsAreRefused() {
        assertTrue(DnsMessage.query(1, DnsType.A, "a..b").isEmpty());
        assertTrue(DnsMessage.query(1, DnsType.A, ".a").isEmpty());
        assertTrue(DnsMessage.query(1, DnsType.A, "x".repeat(64) + ".com").isEmpty());
    }

    @Test
    void dnsRepliesAreJudgedByIdQrAndRcode() {
        assertEquals(DnsMessage.ReplyKind.ANSWER, DnsMessage.judge(hex("beef 8180 0001 0001 0000 0000"), 0xbeef).kind());
        DnsMessage.Reply servfail = DnsMessage.judge(hex("beef 8182 0001 0000 0000 0000"), 0xbeef);
        assertEquals(DnsMessage.ReplyKind.ERROR, servfail.kind());
        assertEquals(2, servfail.rcode());
        assertEquals(DnsMessage.ReplyKind.IGNORED, DnsMessage.judge(hex("beee 8180 0001 0001 0000 0000"), 0xbeef).kind());
        assertEquals(DnsMessage.ReplyKind.IGNORED, DnsMessage.judge(hex("beef 0100 0001 0000 0000 0000"), 0xbeef).kind(),
                "a query (QR clear) is not an answer");
        assertEquals(DnsMessage.ReplyKind.IGNORED, DnsMessage.judge(hex("beef 8180 0001"), 0xbeef).kind());
    }

    @Test
    void smtpStatusNeedsThreeDigitsThenSpaceOrEnd() {
        assertEquals(220, SmtpReply.status("220 mail.example.com ESMTP\r"));
        assertEquals(250, SmtpReply.status("250"));
        assertEquals(SmtpReply.NO_STATUS, SmtpReply.status("250-PIPELINING\r"));
        assertEquals(SmtpReply.NO_STATUS, SmtpReply.status("220\r"), "keepalived's quirk: CR right after the code");
        assertEquals(SmtpReply.NO_STATUS, SmtpReply.status("22"));
        assertEquals(SmtpReply.NO_STATUS, SmtpReply.status("abc def"));
    }

    @Test
    void miscExitStatusMeaning() {
        assertInstanceOf(CheckResult.Success.class, MiscExit.judge(0, false));
        assertInstanceOf(CheckResult.Success.class, MiscExit.judge(0, true));
        assertInstanceOf(CheckResult.Failure.class, MiscExit.judge(1, true));
        assertInstanceOf(CheckResult.Failure.class, MiscExit.judge(2, false));
        assertEquals(new CheckResult.WeightedSuccess(0), MiscExit.judge(2, true));
        assertEquals(new CheckResult.WeightedSuccess(253), MiscExit.judge(255, true));
    }

    @Test
    void defaultUdpPayloadIsKeepalivedsFiller() {
        assertEquals("keepalived check - keepalived ch",
                new String(UdpProbe.defaultPayload(), StandardCharsets.US_ASCII));
    }
}
