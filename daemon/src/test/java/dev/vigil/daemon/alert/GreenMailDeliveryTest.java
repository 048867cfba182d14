package dev.vigil.daemon.alert;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Header;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Mails received by a real SMTP server (GreenMail on loopback) carry keepalived's exact headers and bodies. */
class GreenMailDeliveryTest {

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL =
            new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    static final Endpoint RS = AlertMailFormatTest.endpoint("192.168.200.2", ServiceProtocol.TCP, 1358);
    static final VirtualServerId VS = new VirtualServerId.Service(
            AlertMailFormatTest.endpoint("10.10.10.2", ServiceProtocol.TCP, 1358));

    SmtpSettings settings() {
        return SmtpSettings.of("127.0.0.1", "director1", "lb@example.org",
                List.of("ops@example.org", "Dev Team <dev@example.org>"), "LVS_DEVEL")
                .withPort(GREEN_MAIL.getSmtp().getPort()).withTimeout(Duration.ofSeconds(5));
    }

    /** Header lines as the server stored them, without the trace fields it adds itself. */
    static List<String> headerLines(MimeMessage message) throws Exception {
        List<String> lines = new ArrayList<>();
        for (String line : Collections.list(message.getAllHeaderLines())) {
            if (!line.startsWith("Received:") && !line.startsWith("Return-Path:")) {
                lines.add(line);
            }
        }
        return lines;
    }

    static String rawBody(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = message.getRawInputStream()) {
            in.transferTo(out);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    List<MimeMessage> send(List<AlertEvent> events) {
        try (SmtpAlerter alerter = SmtpAlerter.start(settings(), DeliveryPolicy.DEFAULT,
                SmtpAlerterTest.CLOCK, MailDeliveryListener.NONE)) {
            for (AlertEvent event : events) {
                assertEquals(SubmitResult.QUEUED, alerter.submit(event));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> alerter.stats().delivered() == events.size());
        }
        // One copy per recipient; each mailbox keeps delivery order.
        assertEquals(2 * events.size(), GREEN_MAIL.getReceivedMessages().length);
        List<MimeMessage> dev = GREEN_MAIL.findReceivedMessages(
                user -> user.getEmail().equals("dev@example.org"), message -> true).toList();
        assertEquals(events.size(), dev.size());
        return GREEN_MAIL.findReceivedMessages(
                user -> user.getEmail().equals("ops@example.org"), message -> true).toList();
    }

    @Test
    void vrrpMasterBackupFault() throws Exception {
        List<MimeMessage> mails = send(List.of(
                new AlertEvent.InstanceStateChanged("VI_1", VrrpState.MASTER, 100),
                new AlertEvent.InstanceStateChanged("VI_1", VrrpState.BACKUP, 100),
                new AlertEvent.InstanceStateChanged("VI_1", VrrpState.FAULT, 0)));
        String[][] expected = {
            {"Entering MASTER state", "=> VRRP Instance is now owning VRRP VIPs <="},
            {"Entering BACKUP state", "=> VRRP Instance is no longer owning VRRP VIPs <="},
            {"Entering FAULT state", "=> VRRP Instance is no longer owning VRRP VIPs <="},
        };
        for (int i = 0; i < expected.length; i++) {
            assertMail(mails.get(i), "[LVS_DEVEL] VRRP Instance VI_1 - " + expected[i][0], expected[i][1]);
        }
    }

    @Test
    void realServerUpAndDown() throws Exception {
        List<MimeMessage> mails = send(List.of(
                new AlertEvent.RealServerChecked(RS, VS, false,
                        CheckerVerdict.of(CheckerType.TCP_CHECK, CheckStatus.FAILED)),
                new AlertEvent.RealServerChecked(RS, VS, true,
                        CheckerVerdict.of(CheckerType.HTTP_GET, CheckStatus.SUCCEEDED))));
        String prefix = "[LVS_DEVEL] Realserver [192.168.200.2]:tcp:1358 of virtual server [10.10.10.2]:tcp:1358 - ";
        assertMail(mails.get(0), prefix + "DOWN", "=> TCP CHECK failed on service <=");
        assertMail(mails.get(1), prefix + "UP", "=> CHECK succeed on service <=");
    }

    static void assertMail(MimeMessage mail, String subject, String body) throws Exception {
        assertEquals(List.of(
                "Date: Sat, 21 Nov 2026 09:05:03 +0100",
                "From: lb@example.org",
                "Subject: " + subject,
                "X-Mailer: Keepalived",
                "To: ops@example.org,\r\n Dev Team <dev@example.org>"), headerLines(mail));
        // keepalived ends the data with body CRLF, an empty line, then ".": GreenMail stores the
        // text up to the CRLF that precedes the dot, so the empty line does not show here. The
        // bytes on the wire, empty line included, are asserted in SmtpClientTest and SmtpDataTest.
        assertEquals(body + "\r\n", rawBody(mail));
    }
}
