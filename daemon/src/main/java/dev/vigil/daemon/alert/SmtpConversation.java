package dev.vigil.daemon.alert;

import dev.vigil.daemon.alert.SmtpStep.Finish;
import dev.vigil.daemon.alert.SmtpStep.Send;
import dev.vigil.daemon.alert.SmtpStep.StartTls;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The client side of one SMTP delivery, as a pure state machine: the transport feeds it replies,
 * timeouts and TLS completion, and performs the {@link SmtpStep} it returns. No I/O, no clock.
 *
 * <p>Without extensions it follows keepalived's dialogue (core/smtp.c) exactly: wait for 220,
 * {@code HELO <name>} → 250, {@code MAIL FROM:<from>} → 250, {@code RCPT TO:<addr>} → 250 for each
 * recipient in order, {@code DATA} → 354, the DATA block → 250, {@code QUIT} → 221. An unexpected
 * code, or a step that times out, ends the dialogue as keepalived does: it sends {@code QUIT}
 * and finishes on the reply (or on a second timeout). keepalived repeats QUIT while the server
 * answers QUIT with something other than 221; Vigil finishes on any reply to QUIT.
 *
 * <p>Vigil-only, with {@link SmtpExtensions}: {@code EHLO} instead of HELO, then
 * {@code STARTTLS} → 220, TLS handshake, {@code EHLO} again, then {@code AUTH PLAIN <b64>} → 235 or
 * {@code AUTH LOGIN} → 334, user → 334, password → 235, then MAIL as above.
 *
 * <p>Not thread-safe: the transport calls it from one thread.
 */
final class SmtpConversation {

    private final SmtpSettings settings;
    private final byte[] data;
    private SmtpStage stage = SmtpStage.GREETING;
    private int nextRecipient;
    private boolean tlsActive;
    private boolean delivered;
    private SmtpOutcome failure;

    /** A dialogue that will send {@code data} (a rendered {@link SmtpData.Block}). */
    SmtpConversation(SmtpSettings settings, byte[] data) {
        this.settings = settings;
        this.data = data.clone();
    }

    /** The step waiting for a reply. */
    SmtpStage stage() {
        return stage;
    }

    /** A complete reply arrived. */
    SmtpStep onReply(SmtpReply reply) {
        if (stage == SmtpStage.QUIT) {
            return finish();
        }
        if (reply.code() != stage.expectedCode() || stage.expectedCode() < 0) {
            return abort(new SmtpOutcome.Rejected(stage, reply.code(), reply.lastLine()));
        }
        return advance();
    }

    /** No reply within the timeout. */
    SmtpStep onTimeout() {
        if (stage == SmtpStage.QUIT) {
            return finish();
        }
        return abort(new SmtpOutcome.TimedOut(stage));
    }

    /** The server sent a line longer than keepalived's reply buffer. */
    SmtpStep onReplyTooLong() {
        if (stage == SmtpStage.QUIT) {
            return finish();
        }
        return abort(new SmtpOutcome.ReplyTooLong(stage));
    }

    /** The TLS handshake after STARTTLS succeeded: greet again (RFC 3207 section 4.2). */
    SmtpStep onTlsEstablished() {
        tlsActive = true;
        return send(SmtpStage.EHLO, "EHLO " + settings.heloName());
    }

    /** The connection ended (or broke) before the dialogue finished; the final outcome. */
    SmtpOutcome onClosed(String cause) {
        if (!delivered && failure == null) {
            failure = new SmtpOutcome.ConnectionFailed(stage, cause);
        }
        return outcome();
    }

    /** The outcome so far: delivered once the DATA block got its 250, else the first failure. */
    SmtpOutcome outcome() {
        if (delivered) {
            return new SmtpOutcome.Delivered();
        }
        return failure != null ? failure : new SmtpOutcome.ConnectionFailed(stage, "dialogue not finished");
    }

    private SmtpStep advance() {
        return switch (stage) {
            case GREETING -> settings.extensions().needsEhlo()
                    ? send(SmtpStage.EHLO, "EHLO " + settings.heloName())
                    : send(SmtpStage.HELO, "HELO " + settings.heloName());
            case HELO, AUTH -> mailFrom();
            case EHLO -> afterEhlo();
            case STARTTLS -> {
                stage = SmtpStage.TLS_HANDSHAKE;
                yield new StartTls();
            }
            case AUTH_LOGIN_USER -> send(SmtpStage.AUTH_LOGIN_PASSWORD, base64(credentials().user()));
            case AUTH_LOGIN_PASSWORD -> send(SmtpStage.AUTH, base64(credentials().password()));
            case MAIL, RCPT -> nextRecipient < settings.recipients().size()
                    ? rcptTo()
                    : send(SmtpStage.DATA, "DATA");
            case DATA -> {
                stage = SmtpStage.BODY;
                yield new Send(data.clone());
            }
            case BODY -> {
                delivered = true;
                yield quit();
            }
            case CONNECT, TLS_HANDSHAKE, QUIT -> throw new IllegalStateException("no reply expected in " + stage);
        };
    }

    private SmtpStep afterEhlo() {
        if (settings.extensions().startTls() && !tlsActive) {
            return send(SmtpStage.STARTTLS, "STARTTLS");
        }
        if (settings.extensions().credentials().isPresent()) {
            SmtpCredentials credentials = credentials();
            return switch (credentials.mechanism()) {
                // RFC 4616: authzid NUL authcid NUL passwd, authzid empty.
                case PLAIN -> send(SmtpStage.AUTH,
                        "AUTH PLAIN " + base64("\0" + credentials.user() + "\0" + credentials.password()));
                case LOGIN -> send(SmtpStage.AUTH_LOGIN_USER, "AUTH LOGIN");
            };
        }
        return mailFrom();
    }

    private SmtpStep mailFrom() {
        return send(SmtpStage.MAIL, "MAIL FROM:" + EmailAddresses.smtpPath(settings.from()));
    }

    private SmtpStep rcptTo() {
        String recipient = settings.recipients().get(nextRecipient++);
        return send(SmtpStage.RCPT, "RCPT TO:" + EmailAddresses.smtpPath(recipient));
    }

    private SmtpStep abort(SmtpOutcome reason) {
        if (failure == null && !delivered) {
            failure = reason;
        }
        return quit();
    }

    private SmtpStep quit() {
        return send(SmtpStage.QUIT, "QUIT");
    }

    private SmtpStep finish() {
        return new Finish(outcome());
    }

    private SmtpStep send(SmtpStage next, String line) {
        stage = next;
        return Send.command(line);
    }

    private SmtpCredentials credentials() {
        return settings.extensions().credentials().orElseThrow();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
