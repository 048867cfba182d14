package dev.vigil.healthcheck;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What HTTP_GET and SSL_GET fetch and how they ask for it.
 *
 * @param urls        one or more urls; an attempt succeeds only when every url passes
 *                    (keepalived drops a checker without urls)
 * @param protocol    {@code http_protocol}
 * @param virtualhost the checker's {@code virtualhost}, already defaulted by the caller from
 *                    the real server's and then the virtual server's {@code virtualhost}
 */
public record HttpSettings(List<UrlSpec> urls, HttpProtocol protocol, Optional<String> virtualhost) {

    public HttpSettings {
        urls = List.copyOf(urls);
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("HTTP_GET/SSL_GET needs at least one url");
        }
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(virtualhost, "virtualhost");
    }

    /** The urls with keepalived's default protocol (1.0) and no virtualhost. */
    public static HttpSettings of(UrlSpec... urls) {
        return new HttpSettings(List.of(urls), HttpProtocol.HTTP_1_0, Optional.empty());
    }
}
