package dev.vigil.common.text;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Parses a {@code track_file}'s contents the way keepalived does (track_file.c
 * process_track_file: {@code strtol(buf, NULL, 0)}): leading white space, an optional sign, then
 * decimal, {@code 0x} hex or leading-0 octal digits; parsing stops at the first other character
 * and no digits at all means 0. A number outside the 32-bit range (keepalived accepts up to
 * 2^31) is rejected, and keepalived then keeps the previous value.
 */
public final class FileValue {

    private static final long MIN = Integer.MIN_VALUE;
    /** keepalived's upper bound is INT32_MAX + 1. */
    private static final long MAX = Integer.MAX_VALUE + 1L;
    private static final int HEX = 16;
    private static final int OCTAL = 8;
    private static final int DECIMAL = 10;

    private FileValue() {
    }

    /**
     * {@code init_file VALUE [overwrite]}: writes {@code value} and a newline to {@code path}
     * when the file does not exist, or always with {@code overwrite}, as keepalived does at start.
     */
    public static void writeInitial(Path path, long value, boolean overwrite) throws IOException {
        if (overwrite || !Files.exists(path)) {
            Files.writeString(path, value + "\n", StandardCharsets.US_ASCII);
        }
    }

    /** The value, or empty when it is out of range (ignore the file change). */
    public static OptionalLong parse(String contents) {
        int i = 0;
        int n = contents.length();
        while (i < n && Character.isWhitespace(contents.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < n && (contents.charAt(i) == '+' || contents.charAt(i) == '-')) {
            negative = contents.charAt(i) == '-';
            i++;
        }
        int radix = DECIMAL;
        if (i + 1 < n && contents.charAt(i) == '0' && (contents.charAt(i + 1) == 'x' || contents.charAt(i + 1) == 'X')
                && i + 2 < n && digit(contents.charAt(i + 2), HEX) >= 0) {
            radix = HEX;
            i += 2;
        } else if (i < n && contents.charAt(i) == '0') {
            radix = OCTAL;
        }
        long magnitude = 0;
        for (; i < n; i++) {
            int digit = digit(contents.charAt(i), radix);
            if (digit < 0) {
                break;
            }
            magnitude = magnitude * radix + digit;
            if (magnitude > MAX + 1) {
                return OptionalLong.empty();
            }
        }
        long value = negative ? -magnitude : magnitude;
        return value < MIN || value > MAX ? OptionalLong.empty() : OptionalLong.of(value);
    }

    /** ASCII digits only, as C's strtol; -1 for anything else. */
    private static int digit(char c, int radix) {
        int d;
        if (c >= '0' && c <= '9') {
            d = c - '0';
        } else if (c >= 'a' && c <= 'z') {
            d = c - 'a' + DECIMAL;
        } else if (c >= 'A' && c <= 'Z') {
            d = c - 'A' + DECIMAL;
        } else {
            return -1;
        }
        return d < radix ? d : -1;
    }
}
