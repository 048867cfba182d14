package dev.vigil.healthcheck.probe;

import dev.vigil.healthcheck.Md5Digest;
import dev.vigil.healthcheck.UrlSpec;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Decides whether a response satisfies a url, in keepalived's order
 * (check_http.c {@code http_handle_response()}): some data, then the status code, then the
 * MD5 digest, then the regex. Pure.
 */
final class UrlJudge {

    /** Body bytes searched by a url's regex (keepalived streams it; Vigil bounds memory). */
    static final int REGEX_WINDOW_BYTES = 1024 * 1024;

    private UrlJudge() {
    }

    /** The reason the url fails, or empty when it passes. */
    static Optional<String> judge(UrlSpec url, ScannedResponse response) {
        if (!response.headerComplete()) {
            return Optional.of("no data received for " + url.path());
        }
        if (!url.statusCodes().accepts(response.statusCode())) {
            return Optional.of("HTTP status code " + response.statusCode() + " for " + url.path()
                    + " (accepted: " + url.statusCodes() + ")");
        }
        if (url.digest().isPresent() && !url.digest().equals(response.bodyDigest())) {
            return Optional.of("MD5 digest mismatch for " + url.path() + ": got "
                    + response.bodyDigest().map(Md5Digest::hex).orElse("no digest") + ", expected " + url.digest().get());
        }
        if (url.regex().isPresent()) {
            UrlSpec.RegexRule rule = url.regex().get();
            String body = new String(response.body(), StandardCharsets.ISO_8859_1);
            boolean found = rule.pattern().matcher(body).find();
            if (found == rule.noMatch()) {
                return Optional.of("regex " + (found ? "matched" : "did not match") + " for " + url.path());
            }
        }
        return Optional.empty();
    }

    static int keepBodyBytes(UrlSpec url) {
        return url.regex().isPresent() ? REGEX_WINDOW_BYTES : 0;
    }

    /** Whether the body must be hashed for this url. */
    static boolean needsDigest(UrlSpec url) {
        return url.digest().isPresent();
    }
}
