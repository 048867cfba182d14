package dev.vigil.ipvs;

import java.util.Optional;

/** A strict literal parser for {@link IpAddress} (its text form is {@link dev.vigil.common.text.InetText}'s). */
final class IpAddressText {

    private static final int IPV6_WORDS = 8;

    private IpAddressText() {
    }

    static Optional<IpAddress> parse(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        if (text.indexOf(':') < 0) {
            long v4 = parseIpv4(text);
            return v4 < 0 ? Optional.empty() : Optional.of(IpAddress.ipv4((int) v4));
        }
        int[] words = parseIpv6(text);
        if (words == null) {
            return Optional.empty();
        }
        long high = 0;
        long low = 0;
        for (int i = 0; i < 4; i++) {
            high = (high << 16) | words[i];
            low = (low << 16) | words[i + 4];
        }
        return Optional.of(IpAddress.ipv6(high, low));
    }

    /** The 32 bits of a dotted quad, or -1 when the text is not one. */
    private static long parseIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return -1;
        }
        long value = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
                return -1;
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                return -1;
            }
            value = (value << 8) | octet;
        }
        return value;
    }

    /** Eight 16-bit words, or null when the text is not an IPv6 literal. */
    private static int[] parseIpv6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        if (gap < 0) {
            return parseWords(text, IPV6_WORDS);
        }
        int[] head = text.substring(0, gap).isEmpty() ? new int[0] : parseWords(text.substring(0, gap), -1);
        String tailText = text.substring(gap + 2);
        int[] tail = tailText.isEmpty() ? new int[0] : parseWords(tailText, -1);
        if (head == null || tail == null || head.length + tail.length > IPV6_WORDS - 1) {
            return null;
        }
        int[] words = new int[IPV6_WORDS];
        System.arraycopy(head, 0, words, 0, head.length);
        System.arraycopy(tail, 0, words, IPV6_WORDS - tail.length, tail.length);
        return words;
    }

    /** Colon-separated groups (the last may be a dotted quad); {@code expected} -1 = any. */
    private static int[] parseWords(String text, int expected) {
        String[] groups = text.split(":", -1);
        boolean dotted = groups[groups.length - 1].indexOf('.') >= 0;
        int count = groups.length + (dotted ? 1 : 0);
        if (expected >= 0 && count != expected) {
            return null;
        }
        int[] words = new int[count];
        for (int i = 0; i < groups.length; i++) {
            String group = groups[i];
            if (dotted && i == groups.length - 1) {
                long v4 = parseIpv4(group);
                if (v4 < 0) {
                    return null;
                }
                words[i] = (int) (v4 >>> 16);
                words[i + 1] = (int) (v4 & 0xffff);
            } else if (group.isEmpty() || group.length() > 4 || !isHex(group)) {
                return null;
            } else {
                words[i] = Integer.parseInt(group, 16);
            }
        }
        return words;
    }

    private static boolean isHex(String s) {
        return s.chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }
}
