package dev.vigil.healthcheck;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A byte string written in hex as UDP_CHECK's {@code payload} and {@code require_reply} take
 * it (keepalived {@code read_hex_str()}, lib/parser.c): hex digits, with spaces and tabs
 * between octets; a lone digit before a space is one octet; {@code x} or {@code X} is a
 * wildcard nibble (only where wildcards are allowed).
 */
public final class HexPattern {

    private final byte[] data;
    private final byte[] wildcardMask;

    private HexPattern(byte[] data, byte[] wildcardMask) {
        this.data = data;
        this.wildcardMask = wildcardMask;
    }

    /** Parses a payload (no wildcards); empty when malformed or empty. */
    public static Optional<HexPattern> parseBytes(String text) {
        return parse(text, false);
    }

    /** Parses a reply pattern (wildcards allowed); empty when malformed or empty. */
    public static Optional<HexPattern> parsePattern(String text) {
        return parse(text, true);
    }

    private static Optional<HexPattern> parse(String text, boolean wildcards) {
        byte[] data = new byte[(text.length() + 1) / 2];
        byte[] mask = new byte[data.length];
        int length = 0;
        int at = 0;
        while (true) {
            while (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) {
                at++;
            }
            if (at == text.length()) {
                break;
            }
            int high = nibble(text.charAt(at++), wildcards);
            if (high < 0) {
                return Optional.empty();
            }
            int value = high & 0x0f;
            int wild = high > 0x0f ? 0x0f : 0;
            if (at < text.length() && text.charAt(at) != ' ' && text.charAt(at) != '\t') {
                int low = nibble(text.charAt(at++), wildcards);
                if (low < 0) {
                    return Optional.empty();
                }
                value = value << 4 | (low & 0x0f);
                wild = wild << 4 | (low > 0x0f ? 0x0f : 0);
            }
            data[length] = (byte) (value & ~wild);
            mask[length] = (byte) wild;
            length++;
        }
        return length == 0 ? Optional.empty()
                : Optional.of(new HexPattern(Arrays.copyOf(data, length), Arrays.copyOf(mask, length)));
    }

    /** 0..15 for a digit, 0x10 for a wildcard, -1 for anything else. */
    private static int nibble(char c, boolean wildcards) {
        if (HexFormat.isHexDigit(c)) {
            return HexFormat.fromHexDigit(c);
        }
        return wildcards && (c == 'x' || c == 'X') ? 0x10 : -1;
    }

    /** The octets (wildcard nibbles read as 0). */
    public byte[] bytes() {
        return data.clone();
    }

    public int length() {
        return data.length;
    }

    /**
     * Whether {@code received} agrees with this pattern on the octets both have (keepalived
     * compares only the shorter of the two lengths), ignoring wildcard nibbles.
     */
    public boolean matchesPrefix(byte[] received, int receivedLength) {
        int checked = Math.min(receivedLength, data.length);
        for (int i = 0; i < checked; i++) {
            if (((received[i] ^ data[i]) & ~wildcardMask[i] & 0xff) != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HexPattern that && Arrays.equals(data, that.data)
                && Arrays.equals(wildcardMask, that.wildcardMask);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(data) + Arrays.hashCode(wildcardMask);
    }

    /** Upper-case hex without spaces, X for wildcard nibbles. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        HexFormat hex = HexFormat.of().withUpperCase();
        for (int i = 0; i < data.length; i++) {
            String pair = hex.toHexDigits(data[i]);
            char high = (wildcardMask[i] & 0xf0) != 0 ? 'X' : pair.charAt(0);
            char low = (wildcardMask[i] & 0x0f) != 0 ? 'X' : pair.charAt(1);
            text.append(high).append(low);
        }
        return text.toString();
    }
}
