package dev.vigil.daemon.alert;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the SMTP alerter needs from {@code global_defs}; the daemon builds it from the config
 * (this package does not depend on it).
 *
 * @param host        {@code smtp_server} address or name
 * @param port        {@code smtp_server}'s port, keepalived's default {@value #DEFAULT_PORT}
 * @param heloName    {@code smtp_helo_name}; keepalived falls back to the local host name, and to
 *                    "localhost" when that is unknown, so the daemon passes the host name and a
 *                    blank value becomes "localhost" here
 * @param from        {@code notification_email_from}, already in keepalived's form (see
 *                    {@link EmailAddresses#keepalivedForm(String)}); keepalived's default is
 *                    {@code <user>@<hostname>}
 * @param recipients  {@code notification_email}, in order, at least one
 * @param timeout     {@code smtp_connect_timeout}: the connect timeout and the timeout of every
 *                    reply, keepalived's default {@link #DEFAULT_TIMEOUT}
 * @param routerId    {@code router_id} (defaults to the host name) for the subject's "[...]"
 * @param extensions  Vigil-only STARTTLS / AUTH, {@link SmtpExtensions#NONE} for keepalived's dialogue
 */
public record SmtpSettings(String host, int port, String heloName, String from, List<String> recipients,
                           Duration timeout, String routerId, SmtpExtensions extensions) {

    /** SMTP's port (RFC 5321 section 4.5.4.2; keepalived's SMTP_PORT_STR). */
    public static final int DEFAULT_PORT = 25;
    /** keepalived's DEFAULT_SMTP_CONNECTION_TIMEOUT (global_data.h). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public SmtpSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(routerId, "routerId");
        Objects.requireNonNull(extensions, "extensions");
        recipients = List.copyOf(recipients);
        heloName = heloName == null || heloName.isBlank() ? "localhost" : heloName;
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (from.isEmpty() || recipients.isEmpty() || recipients.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("from and at least one non-empty recipient are required");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
    }

    /** keepalived's dialogue with its default port and timeout. */
    public static SmtpSettings of(String host, String heloName, String from, List<String> recipients,
                                  String routerId) {
        return new SmtpSettings(host, DEFAULT_PORT, heloName, from, recipients, DEFAULT_TIMEOUT, routerId,
                SmtpExtensions.NONE);
    }

    public SmtpSettings withPort(int newPort) {
        return new SmtpSettings(host, newPort, heloName, from, recipients, timeout, routerId, extensions);
    }

    public SmtpSettings withTimeout(Duration newTimeout) {
        return new SmtpSettings(host, port, heloName, from, recipients, newTimeout, routerId, extensions);
    }

    public SmtpSettings withExtensions(SmtpExtensions newExtensions) {
        return new SmtpSettings(host, port, heloName, from, recipients, timeout, routerId, newExtensions);
    }
}
