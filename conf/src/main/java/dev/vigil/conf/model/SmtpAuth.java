package dev.vigil.conf.model;

import java.util.Objects;

/**
 * Vigil's {@code smtp_auth USER PASSWORD [PLAIN|LOGIN]} (keepalived has no SMTP AUTH, its
 * issue #343): the credentials the alert mailer authenticates with. {@link #toString()}
 * hides the password, so a dump or a log line never shows it.
 */
public record SmtpAuth(String user, String password, Mechanism mechanism) {

    /** The SASL mechanism: RFC 4616 PLAIN (the default) or the LOGIN mechanism. */
    public enum Mechanism {
        PLAIN,
        LOGIN
    }

    public SmtpAuth {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(mechanism, "mechanism");
    }

    @Override
    public String toString() {
        return "SmtpAuth[user=" + user + ", password=***, mechanism=" + mechanism + "]";
    }
}
