package dev.vigil.daemon.alert;

import java.nio.charset.StandardCharsets;

/** What {@link SmtpConversation} asks its transport to do next. */
sealed interface SmtpStep {

    /** Write these bytes, then wait for a reply (at most {@code smtp_connect_timeout}). */
    record Send(byte[] bytes) implements SmtpStep {
        static Send command(String line) {
            return new Send((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        }

        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** Start the TLS handshake, then call {@link SmtpConversation#onTlsEstablished()}. */
    record StartTls() implements SmtpStep {
    }

    /** The dialogue is over: close the connection and report {@code outcome}. */
    record Finish(SmtpOutcome outcome) implements SmtpStep {
    }
}
