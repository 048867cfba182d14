package dev.vigil.daemon.alert;

import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * Vigil-only additions to keepalived's SMTP dialogue, all off by default. With both off the
 * client speaks keepalived's exact dialogue ({@code HELO}, no TLS, no AUTH). With either on it
 * greets with {@code EHLO} instead, as RFC 3207 (STARTTLS) and RFC 4954 (AUTH) require.
 *
 * @param startTls    send {@code STARTTLS} after EHLO and continue over TLS, EHLO again
 * @param tlsContext  the TLS context to use; empty means the JVM's default (default trust store,
 *                    server host name verified)
 * @param credentials authenticate after EHLO (after TLS when both are on)
 */
public record SmtpExtensions(boolean startTls, Optional<SSLContext> tlsContext,
                             Optional<SmtpCredentials> credentials) {

    /** keepalived's behaviour: no TLS, no AUTH. */
    public static final SmtpExtensions NONE = new SmtpExtensions(false, Optional.empty(), Optional.empty());

    public SmtpExtensions {
        Objects.requireNonNull(tlsContext, "tlsContext");
        Objects.requireNonNull(credentials, "credentials");
    }

    /** True when the dialogue must use EHLO rather than keepalived's HELO. */
    public boolean needsEhlo() {
        return startTls || credentials.isPresent();
    }
}
