package dev.vigil.healthcheck;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An MD5 digest as keepalived's {@code digest} keyword writes it: 32 hex digits, any case
 * (check_http.c {@code digest_handler()}). Held in lower case, as genhash prints it.
 */
public record Md5Digest(String hex) {

    /** MD5 is 16 bytes, written as 32 hex digits. */
    private static final int HEX_LENGTH = 32;

    public Md5Digest {
        Objects.requireNonNull(hex, "hex");
        if (!isValid(hex)) {
            throw new IllegalArgumentException("not an MD5 digest: " + hex);
        }
        hex = hex.toLowerCase(Locale.ROOT);
    }

    /** Parses configuration text; empty when it is not 32 hex digits. */
    public static Optional<Md5Digest> parse(String text) {
        return isValid(text) ? Optional.of(new Md5Digest(text)) : Optional.empty();
    }

    public static Md5Digest of(byte[] digest) {
        if (digest.length != HEX_LENGTH / 2) {
            throw new IllegalArgumentException("MD5 digests are 16 bytes, not " + digest.length);
        }
        return new Md5Digest(HexFormat.of().formatHex(digest));
    }

    public byte[] bytes() {
        return HexFormat.of().parseHex(hex);
    }

    private static boolean isValid(String text) {
        return text.length() == HEX_LENGTH && text.chars().allMatch(HexFormat::isHexDigit);
    }

    @Override
    public String toString() {
        return hex;
    }
}
