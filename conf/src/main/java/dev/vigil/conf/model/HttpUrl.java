package dev.vigil.conf.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code url { path; digest; status_code; virtualhost; regex; regex_no_match; tls_compliant }}
 * block of HTTP_GET / SSL_GET. With no {@code status_code} the expected codes are 200-299.
 *
 * @param digest lower-case hex MD5 of the body, as genhash prints it
 */
public record HttpUrl(
        String path,
        Optional<String> digest,
        List<StatusCodeRange> statusCodes,
        Optional<String> virtualhost,
        Optional<String> regex,
        boolean regexNoMatch,
        boolean tlsCompliant) {

    public HttpUrl {
        Objects.requireNonNull(path, "path");
        statusCodes = List.copyOf(statusCodes);
    }
}
