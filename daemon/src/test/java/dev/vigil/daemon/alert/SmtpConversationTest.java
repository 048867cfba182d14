package dev.vigil.daemon.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The dialogue as a pure state machine: keepalived's steps, failure handling, Vigil's extensions. */
class SmtpConversationTest {

    static final SmtpSettings SETTINGS = SmtpSettings.of("127.0.0.1", "director1", "lb@example.org",
            List.of("a@example.org", "Bob <b@example.org>"), "LVS_DEVEL");
    static final byte[] DATA = "Subject: x\r\n\r\nbody\r\n\r\n.\r\n".getBytes(StandardCharsets.US_ASCII);

    static SmtpReply reply(int code) {
        return new SmtpReply(code, List.of(code + " ok"));
    }

    static String sent(SmtpStep step) {
        return assertInstanceOf(SmtpStep.Send.class, step).text();
    }

    @Test
    void keepalivedsDialogue() {
        SmtpConversation c = new SmtpConversation(SETTINGS, DATA);
        assertEquals("HELO director1\r\n", sent(c.onReply(reply(220))));
        assertEquals("MAIL FROM:<lb@example.org>\r\n", sent(c.onReply(reply(250))));
        assertEquals("RCPT TO:<a@example.org>\r\n", sent(c.onReply(reply(250))));
        assertEquals("RCPT TO:<b@example.org>\r\n", sent(c.onReply(reply(250))));
        assertEquals("DATA\r\n", sent(c.onReply(reply(250))));
        assertEquals(new String(DATA, StandardCharsets.US_ASCII), sent(c.onReply(reply(354))));
        assertEquals("QUIT\r\n", sent(c.onReply(reply(250))));
        assertInstanceOf(SmtpOutcome.Delivered.class, c.outcome());
        SmtpStep.Finish finish = assertInstanceOf(SmtpStep.Finish.class, c.onReply(reply(221)));
        assertInstanceOf(SmtpOutcome.Delivered.class, finish.outcome());
    }

    @Test
    void blankHeloNameBecomesLocalhost() {
        SmtpSettings settings = SmtpSettings.of("h", " ", "f@x", List.of("t@x"), "r");
        assertEquals("HELO localhost\r\n", sent(new SmtpConversation(settings, DATA).onReply(reply(220))));
    }

    @Test
    void anUnexpectedCodeSendsQuitAndFailsWithTheStage() {
        SmtpConversation c = new SmtpConversation(SETTINGS, DATA);
        c.onReply(reply(220));
        c.onReply(reply(250));
        c.onReply(reply(250));
        assertEquals("QUIT\r\n", sent(c.onReply(new SmtpReply(550, List.of("550 no such user")))));
        SmtpStep.Finish finish = assertInstanceOf(SmtpStep.Finish.class, c.onReply(reply(221)));
        SmtpOutcome.Rejected rejected = assertInstanceOf(SmtpOutcome.Rejected.class, finish.outcome());
        assertEquals(SmtpStage.RCPT, rejected.stage());
        assertEquals(550, rejected.code());
        assertEquals("550 no such user", rejected.reply());
        assertFalse(rejected.retryable());
        assertTrue(new SmtpOutcome.Rejected(SmtpStage.MAIL, 451, "").retryable());
    }

    @Test
    void aWrongGreetingIsRejected() {
        SmtpConversation c = new SmtpConversation(SETTINGS, DATA);
        assertEquals("QUIT\r\n", sent(c.onReply(reply(554))));
        assertEquals(SmtpStage.GREETING, ((SmtpOutcome.Rejected) c.outcome()).stage());
    }

    @Test
    void aTimeoutSendsQuitAndASecondTimeoutFinishes() {
        SmtpConversation c = new SmtpConversation(SETTINGS, DATA);
        c.onReply(reply(220));
        assertEquals("QUIT\r\n", sent(c.onTimeout()));
        SmtpStep.Finish finish = assertInstanceOf(SmtpStep.Finish.class, c.onTimeout());
        assertEquals(new SmtpOutcome.TimedOut(SmtpStage.HELO), finish.outcome());
    }

    @Test
    void quitProblemsAfterTheBodyStillCountAsDelivered() {
        SmtpConversation c = new SmtpConversation(SmtpSettings.of("h", "n", "f@x", List.of("t@x"), "r"), DATA);
        for (int code : new int[] {220, 250, 250, 250, 354, 250}) {
            c.onReply(reply(code));
        }
        assertInstanceOf(SmtpOutcome.Delivered.class, c.onClosed("reset"));
    }

    @Test
    void closingEarlyIsAConnectionFailure() {
        SmtpConversation c = new SmtpConversation(SETTINGS, DATA);
        c.onReply(reply(220));
        SmtpOutcome outcome = c.onClosed("closed");
        assertEquals(new SmtpOutcome.ConnectionFailed(SmtpStage.HELO, "closed"), outcome);
        assertTrue(outcome.retryable());
    }

    @Test
    void authPlainUsesEhlo() {
        SmtpSettings settings = SETTINGS.withExtensions(new SmtpExtensions(false, Optional.empty(),
                Optional.of(new SmtpCredentials("user", "secret", SmtpCredentials.Mechanism.PLAIN))));
        SmtpConversation c = new SmtpConversation(settings, DATA);
        assertEquals("EHLO director1\r\n", sent(c.onReply(reply(220))));
        // base64("\0user\0secret")
        assertEquals("AUTH PLAIN AHVzZXIAc2VjcmV0\r\n", sent(c.onReply(reply(250))));
        assertEquals("MAIL FROM:<lb@example.org>\r\n", sent(c.onReply(reply(235))));
    }

    @Test
    void authLogin() {
        SmtpSettings settings = SETTINGS.withExtensions(new SmtpExtensions(false, Optional.empty(),
                Optional.of(new SmtpCredentials("user", "secret", SmtpCredentials.Mechanism.LOGIN))));
        SmtpConversation c = new SmtpConversation(settings, DATA);
        c.onReply(reply(220));
        assertEquals("AUTH LOGIN\r\n", sent(c.onReply(reply(250))));
        assertEquals("dXNlcg==\r\n", sent(c.onReply(reply(334))));
        assertEquals("c2VjcmV0\r\n", sent(c.onReply(reply(334))));
        assertEquals("MAIL FROM:<lb@example.org>\r\n", sent(c.onReply(reply(235))));
    }

    @Test
    void failedAuthIsRejected() {
        SmtpSettings settings = SETTINGS.withExtensions(new SmtpExtensions(false, Optional.empty(),
                Optional.of(new SmtpCredentials("user", "bad", SmtpCredentials.Mechanism.PLAIN))));
        SmtpConversation c = new SmtpConversation(settings, DATA);
        c.onReply(reply(220));
        c.onReply(reply(250));
        assertEquals("QUIT\r\n", sent(c.onReply(reply(535))));
        assertEquals(SmtpStage.AUTH, ((SmtpOutcome.Rejected) c.outcome()).stage());
    }

    @Test
    void startTlsThenEhloAgainThenAuth() {
        SmtpSettings settings = SETTINGS.withExtensions(new SmtpExtensions(true, Optional.empty(),
                Optional.of(new SmtpCredentials("user", "secret", SmtpCredentials.Mechanism.PLAIN))));
        SmtpConversation c = new SmtpConversation(settings, DATA);
        assertEquals("EHLO director1\r\n", sent(c.onReply(reply(220))));
        assertEquals("STARTTLS\r\n", sent(c.onReply(reply(250))));
        assertInstanceOf(SmtpStep.StartTls.class, c.onReply(reply(220)));
        assertEquals(SmtpStage.TLS_HANDSHAKE, c.stage());
        assertEquals("EHLO director1\r\n", sent(c.onTlsEstablished()));
        assertEquals("AUTH PLAIN AHVzZXIAc2VjcmV0\r\n", sent(c.onReply(reply(250))));
    }
}
