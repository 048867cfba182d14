package dev.vigil.healthcheck.probe;

import dev.vigil.healthcheck.TlsSettings;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Builds the client TLS context of SSL_GET with the JDK provider: trust anything unless a
 * CA file is given (keepalived never verifies; see {@link TlsSettings}), present a client
 * certificate when one is configured.
 */
final class TlsContexts {

    private TlsContexts() {
    }

    /** The context, or the reason it cannot be built (unreadable or malformed files). */
    static Built build(TlsSettings settings) {
        try {
            // Netty 4.2 checks host names by default; keepalived checks nothing about names.
            SslContextBuilder builder = SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                    .endpointIdentificationAlgorithm(null);
            if (settings.caFile().isPresent()) {
                builder.trustManager(settings.caFile().get().toFile());
            } else {
                builder.trustManager(InsecureTrustManagerFactory.INSTANCE);
            }
            if (settings.certificateChain().isPresent()) {
                builder.keyManager(settings.certificateChain().get().toFile(),
                        settings.privateKey().orElseThrow().toFile(), settings.keyPassword().orElse(null));
            }
            return new Built(Optional.of(builder.build()), "");
        } catch (SSLException | IllegalArgumentException e) {
            return new Built(Optional.empty(), "TLS setup failed: " + Dialer.describe(rootCause(e)));
        }
    }

    private static Throwable rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && (cause instanceof SSLException
                || cause.getCause() instanceof IOException || cause.getCause() instanceof GeneralSecurityException)) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** A context, or why there is none. */
    record Built(Optional<SslContext> context, String problem) {
    }
}
