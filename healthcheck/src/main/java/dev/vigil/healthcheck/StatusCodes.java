package dev.vigil.healthcheck;

import java.util.BitSet;
import java.util.Optional;

/**
 * The HTTP status codes a url accepts: a set within 100..599 (check_http.h
 * {@code HTTP_STATUS_CODE_MIN/MAX}), written in configuration as codes and ranges such as
 * {@code 200 301-302}. The default is 200-299 (check_http.c {@code url_check()}).
 */
public final class StatusCodes {

    public static final int MIN = 100;
    public static final int MAX = 599;
    private static final StatusCodes DEFAULTS = range(200, 299);

    private final BitSet codes;

    private StatusCodes(BitSet codes) {
        this.codes = codes;
    }

    public static StatusCodes defaults() {
        return DEFAULTS;
    }

    /** The codes {@code min..max}; both must lie within 100..599 and min ≤ max. */
    public static StatusCodes range(int min, int max) {
        if (min < MIN || max > MAX || min > max) {
            throw new IllegalArgumentException("bad status code range " + min + "-" + max);
        }
        BitSet bits = new BitSet();
        bits.set(min, max + 1);
        return new StatusCodes(bits);
    }

    /**
     * Parses the words after {@code status_code}: each {@code N} or {@code N-M}. Empty when
     * a word is malformed or out of range, or there are no words.
     */
    public static Optional<StatusCodes> parse(String... words) {
        BitSet bits = new BitSet();
        for (String word : words) {
            Optional<int[]> range = parseRange(word);
            if (range.isEmpty()) {
                return Optional.empty();
            }
            bits.set(range.get()[0], range.get()[1] + 1);
        }
        return bits.isEmpty() ? Optional.empty() : Optional.of(new StatusCodes(bits));
    }

    private static Optional<int[]> parseRange(String word) {
        int dash = word.indexOf('-');
        String low = dash < 0 ? word : word.substring(0, dash);
        String high = dash < 0 ? word : word.substring(dash + 1);
        if (!isCode(low) || !isCode(high)) {
            return Optional.empty();
        }
        int min = Integer.parseInt(low);
        int max = Integer.parseInt(high);
        return min > max ? Optional.empty() : Optional.of(new int[] {min, max});
    }

    private static boolean isCode(String text) {
        if (text.isEmpty() || text.length() > 3 || !text.chars().allMatch(Character::isDigit)) {
            return false;
        }
        int code = Integer.parseInt(text);
        return code >= MIN && code <= MAX;
    }

    /** Whether {@code code} is accepted; codes outside 100..599 never are. */
    public boolean accepts(int code) {
        return code >= MIN && code <= MAX && codes.get(code);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StatusCodes that && codes.equals(that.codes);
    }

    @Override
    public int hashCode() {
        return codes.hashCode();
    }

    /** The set in configuration syntax, e.g. {@code 200-299 404}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (int start = codes.nextSetBit(0); start >= 0; start = codes.nextSetBit(start + 1)) {
            int end = codes.nextClearBit(start) - 1;
            text.append(text.isEmpty() ? "" : " ").append(start);
            if (end > start) {
                text.append('-').append(end);
            }
            start = end;
        }
        return text.toString();
    }
}
