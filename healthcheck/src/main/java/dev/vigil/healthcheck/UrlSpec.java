package dev.vigil.healthcheck;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One {@code url { }} block of HTTP_GET/SSL_GET.
 *
 * @param path        the request target, sent as is
 * @param digest      MD5 of the response body that must match
 * @param statusCodes accepted status codes (default 200-299)
 * @param virtualhost overrides the checker's virtualhost for this url
 * @param regex       a pattern the body must contain ({@code regex}), or must not contain
 *                    ({@code regex_no_match})
 */
public record UrlSpec(String path, Optional<Md5Digest> digest, StatusCodes statusCodes,
                      Optional<String> virtualhost, Optional<RegexRule> regex) {

    public UrlSpec {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(statusCodes, "statusCodes");
        Objects.requireNonNull(virtualhost, "virtualhost");
        Objects.requireNonNull(regex, "regex");
    }

    /** A url that only checks for a 2xx status. */
    public static UrlSpec path(String path) {
        return new UrlSpec(path, Optional.empty(), StatusCodes.defaults(), Optional.empty(),
                Optional.empty());
    }

    public UrlSpec withDigest(Md5Digest value) {
        return new UrlSpec(path, Optional.of(value), statusCodes, virtualhost, regex);
    }

    public UrlSpec withStatusCodes(StatusCodes value) {
        return new UrlSpec(path, digest, value, virtualhost, regex);
    }

    public UrlSpec withVirtualhost(String value) {
        return new UrlSpec(path, digest, statusCodes, Optional.of(value), regex);
    }

    public UrlSpec withRegex(RegexRule value) {
        return new UrlSpec(path, digest, statusCodes, virtualhost, Optional.of(value));
    }

    /**
     * A body pattern. keepalived uses PCRE2; Vigil uses {@link java.util.regex.Pattern}, whose
     * syntax agrees for the patterns health checks use (literals, classes, anchors).
     *
     * @param pattern the pattern searched for anywhere in the body
     * @param noMatch true for {@code regex_no_match}: the url fails when the pattern is found
     */
    public record RegexRule(Pattern pattern, boolean noMatch) {
        public RegexRule {
            Objects.requireNonNull(pattern, "pattern");
        }

        /** Equal when the pattern text, its flags and noMatch agree (Pattern has no equals). */
        @Override
        public boolean equals(Object other) {
            return other instanceof RegexRule that && noMatch == that.noMatch
                    && pattern.pattern().equals(that.pattern.pattern()) && pattern.flags() == that.pattern.flags();
        }

        @Override
        public int hashCode() {
            return Objects.hash(pattern.pattern(), pattern.flags(), noMatch);
        }
    }
}
