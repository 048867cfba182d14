package dev.vigil.conf.model;

import java.util.Objects;

/** {@code smtp_server HOST [PORT]}: an address or host name (resolved at send time), port 25 by default. */
public record SmtpServer(String host, int port) {
    /** RFC 5321 section 4.5.4.2's well-known SMTP port, keepalived's default. */
    public static final int DEFAULT_PORT = 25;

    public SmtpServer {
        Objects.requireNonNull(host, "host");
    }
}
