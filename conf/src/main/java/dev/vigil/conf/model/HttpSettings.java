package dev.vigil.conf.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What HTTP_GET and SSL_GET share.
 *
 * @param httpProtocol {@code 1.0} (default), {@code 1.0C} (1.0 with Connection: close) or {@code 1.1}
 * @param virtualhost the Host header; empty means "the url's, else the real/virtual server's, else the address"
 */
public record HttpSettings(
        String httpProtocol,
        Optional<String> virtualhost,
        boolean fastRecovery,
        boolean tlsCompliant,
        List<HttpUrl> urls) {

    public HttpSettings {
        Objects.requireNonNull(httpProtocol, "httpProtocol");
        urls = List.copyOf(urls);
    }
}
