package dev.vigil.healthcheck.probe;

import dev.vigil.healthcheck.Md5Digest;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What {@link HttpResponseScanner} made of a response stream.
 *
 * @param headerComplete whether the end of the header (an empty line) was seen; keepalived
 *                       calls a response without it "no data received"
 * @param statusCode     the status code, 0 when the status line is malformed
 * @param contentLength  the Content-Length header, when present and well formed
 * @param bodyBytes      body bytes received (all of them, even past Content-Length)
 * @param bodyDigest     MD5 of the body, limited to Content-Length when that is present;
 *                       empty when the scanner was not asked to hash
 * @param header         the header as text (ISO-8859-1), including the final empty line
 * @param body           the first body bytes, as many as the scanner was asked to keep
 */
public record ScannedResponse(boolean headerComplete, int statusCode, OptionalLong contentLength,
                              long bodyBytes, Optional<Md5Digest> bodyDigest, String header, byte[] body) {

    public ScannedResponse {
        Objects.requireNonNull(contentLength, "contentLength");
        Objects.requireNonNull(bodyDigest, "bodyDigest");
        Objects.requireNonNull(header, "header");
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }
}
