package dev.vigil.daemon.alert;

import java.util.Objects;

/**
 * Vigil-only (keepalived has no SMTP AUTH, issue #343): a user name and password for
 * {@code AUTH PLAIN} (RFC 4616) or {@code AUTH LOGIN}. {@link #toString()} hides the password.
 */
public record SmtpCredentials(String user, String password, Mechanism mechanism) {

    /** The SASL mechanism to use. */
    public enum Mechanism {
        PLAIN,
        LOGIN
    }

    public SmtpCredentials {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(mechanism, "mechanism");
    }

    @Override
    public String toString() {
        return "SmtpCredentials[user=" + user + ", password=***, mechanism=" + mechanism + "]";
    }
}
