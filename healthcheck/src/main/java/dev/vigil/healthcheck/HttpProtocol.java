package dev.vigil.healthcheck;

import java.util.Optional;

/**
 * keepalived's {@code http_protocol}: the version in the request line and whether a
 * {@code Connection: close} header is sent (check_http.c {@code http_request()}).
 */
public enum HttpProtocol {
    /** {@code HTTP/1.0}, no Connection header (keepalived's default). */
    HTTP_1_0("1.0", 0, false),
    /** {@code HTTP/1.0} with {@code Connection: close} ("1.0C" or "1.0c"). */
    HTTP_1_0_CLOSE("1.0C", 0, true),
    /** {@code HTTP/1.1} with {@code Connection: close}. */
    HTTP_1_1("1.1", 1, true);

    private final String keyword;
    private final int minorVersion;
    private final boolean connectionClose;

    HttpProtocol(String keyword, int minorVersion, boolean connectionClose) {
        this.keyword = keyword;
        this.minorVersion = minorVersion;
        this.connectionClose = connectionClose;
    }

    public String keyword() {
        return keyword;
    }

    /** The {@code x} of {@code HTTP/1.x} in the request line. */
    public int minorVersion() {
        return minorVersion;
    }

    public boolean connectionClose() {
        return connectionClose;
    }

    /** Parses "1.0", "1.0C", "1.0c" or "1.1" (the only spellings keepalived accepts). */
    public static Optional<HttpProtocol> parse(String keyword) {
        return switch (keyword) {
            case "1.0" -> Optional.of(HTTP_1_0);
            case "1.0C", "1.0c" -> Optional.of(HTTP_1_0_CLOSE);
            case "1.1" -> Optional.of(HTTP_1_1);
            default -> Optional.empty();
        };
    }
}
