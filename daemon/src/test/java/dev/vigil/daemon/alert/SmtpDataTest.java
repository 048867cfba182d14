package dev.vigil.daemon.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The DATA block against keepalived's body_cmd() layout. */
class SmtpDataTest {

    static final ZonedDateTime TIME = ZonedDateTime.of(2026, 11, 21, 9, 5, 3, 0, ZoneId.of("Europe/Paris"));
    static final MailMessage MASTER = new MailMessage("[LVS_DEVEL] VRRP Instance VI_1 - Entering MASTER state",
            "=> VRRP Instance is now owning VRRP VIPs <=");

    /** Expected values printed by C strftime ("%a, %d %b %Y %H:%M:%S %z", LC_ALL=C) with date(1). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            2026-11-21T09:05:03 | Europe/Paris     | Sat, 21 Nov 2026 09:05:03 +0100
            2026-11-21T09:05:03 | Asia/Kolkata     | Sat, 21 Nov 2026 09:05:03 +0530
            2026-11-21T09:05:03 | America/St_Johns | Sat, 21 Nov 2026 09:05:03 -0330
            2026-03-01T23:59:59 | Europe/Paris     | Sun, 01 Mar 2026 23:59:59 +0100
            2026-07-04T00:00:00 | Europe/Paris     | Sat, 04 Jul 2026 00:00:00 +0200
            2026-07-04T00:00:00 | America/St_Johns | Sat, 04 Jul 2026 00:00:00 -0230
            """)
    void dateIsStrftimeInTheCLocale(LocalDateTime local, String zone, String expected) {
        assertEquals(expected, SmtpData.date(local.atZone(ZoneId.of(zone))));
    }

    @Test
    void oneRecipient() {
        SmtpData.Block block = SmtpData.render("keepalived@example.org", List.of("ops@example.org"), MASTER, TIME);
        assertEquals("Date: Sat, 21 Nov 2026 09:05:03 +0100\r\n"
                + "From: keepalived@example.org\r\n"
                + "Subject: [LVS_DEVEL] VRRP Instance VI_1 - Entering MASTER state\r\n"
                + "X-Mailer: Keepalived\r\n"
                + "To: ops@example.org\r\n"
                + "\r\n"
                + "=> VRRP Instance is now owning VRRP VIPs <=\r\n"
                + "\r\n.\r\n", block.text());
        assertFalse(block.truncated());
    }

    @Test
    void recipientsAreFoldedWithCommaCrLfSpace() {
        SmtpData.Block block = SmtpData.render("\"Ops, Paris\" <lb@example.org>",
                List.of("a@example.org", "Bob <b@example.org>", "c@example.org"), MASTER, TIME);
        assertEquals("Date: Sat, 21 Nov 2026 09:05:03 +0100\r\n"
                + "From: \"Ops, Paris\" <lb@example.org>\r\n"
                + "Subject: [LVS_DEVEL] VRRP Instance VI_1 - Entering MASTER state\r\n"
                + "X-Mailer: Keepalived\r\n"
                + "To: a@example.org,\r\n Bob <b@example.org>,\r\n c@example.org\r\n"
                + "\r\n"
                + "=> VRRP Instance is now owning VRRP VIPs <=\r\n"
                + "\r\n.\r\n", block.text());
    }

    @Test
    void aBodyLineStartingWithADotIsStuffed() {
        SmtpData.Block block = SmtpData.render("f@x", List.of("t@x"), new MailMessage("s", ".hidden"), TIME);
        assertTrue(block.text().endsWith("\r\n\r\n..hidden\r\n\r\n.\r\n"), block.text());
        // Dots elsewhere are left alone.
        SmtpData.Block plain = SmtpData.render("f.g@x.y", List.of("t@x"), new MailMessage("s.t", "a.b"), TIME);
        assertTrue(plain.text().contains("From: f.g@x.y\r\nSubject: s.t\r\n"));
        assertTrue(plain.text().endsWith("\r\n\r\na.b\r\n\r\n.\r\n"));
    }

    @Test
    void exactly1023BytesIsNotCut() {
        List<String> to = List.of("t@x" + "x".repeat(500));
        String prefix = SmtpData.render("f@x", to, new MailMessage("s", ""), TIME).text();
        int bodyLength = SmtpData.MAX_BYTES - prefix.length();
        SmtpData.Block block = SmtpData.render("f@x", to, new MailMessage("s", "b".repeat(bodyLength)), TIME);
        assertEquals(SmtpData.MAX_BYTES, block.bytes().length);
        assertFalse(block.truncated());
    }

    @Test
    void longerBlocksAreCutTo1023BytesAndStillTerminated() {
        List<String> recipients = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            recipients.add("operator" + i + "@example.org");
        }
        SmtpData.Block block = SmtpData.render("f@x", recipients, MASTER, TIME);
        assertTrue(block.truncated());
        assertTrue(block.bytes().length <= SmtpData.MAX_BYTES);
        assertTrue(block.text().endsWith("\r\n.\r\n"));
        assertFalse(block.text().contains("\r\r"), "no bare CR before the terminator");
        String full = "Date: Sat, 21 Nov 2026 09:05:03 +0100\r\nFrom: f@x\r\n";
        assertTrue(block.text().startsWith(full));
    }

    @Test
    void cutDoesNotSplitUtf8OrLeaveABareCr() {
        for (int pad = 0; pad < 8; pad++) {
            SmtpData.Block block = SmtpData.render("f@x", List.of("t@x" + "x".repeat(420 + pad)),
                    new MailMessage("s", "é".repeat(255)), TIME);
            byte[] bytes = block.bytes();
            assertTrue(block.truncated());
            assertTrue(bytes.length <= SmtpData.MAX_BYTES);
            String text = new String(bytes, StandardCharsets.UTF_8);
            assertEquals(bytes.length, text.getBytes(StandardCharsets.UTF_8).length, "valid UTF-8");
            assertTrue(text.endsWith("é\r\n.\r\n"), text);
        }
    }

    @Test
    void aCutRightAfterTheBodysCrDropsTheCr() {
        List<String> to = List.of("t@x" + "x".repeat(500));
        int prefixLength = SmtpData.render("f@x", to, new MailMessage("s", ""), TIME).bytes().length - 7;
        // Content (prefix + body + CRLF) of 1019 bytes: one more than fits with the terminator,
        // so the cut at 1018 bytes falls between the body's CR and LF.
        String body = "b".repeat(1019 - 2 - prefixLength);
        SmtpData.Block block = SmtpData.render("f@x", to, new MailMessage("s", body), TIME);
        assertTrue(block.truncated());
        assertTrue(block.text().endsWith("b\r\n.\r\n"), block.text());
        assertEquals(SmtpData.MAX_BYTES - 1, block.bytes().length);
    }
}
