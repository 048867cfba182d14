package dev.vigil.ipvs;

import java.util.Optional;

/** Text forms of {@link IpAddress}: a strict literal parser and glibc-compatible output. */
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

    static String format(IpAddress address) {
        long low = address.low();
        if (address.isIpv4()) {
            return dotted(low);
        }
        int[] words = new int[IPV6_WORDS];
        for (int i = 0; i < 4; i++) {
            words[i] = (int) (address.high() >>> (48 - 16 * i)) & 0xffff;
            words[i + 4] = (int) (low >>> (48 - 16 * i)) & 0xffff;
        }
        return formatIpv6(words, low);
    }

    /** glibc inet_ntop6: longest run (at least two) of zero words becomes "::", first wins. */
    private static String formatIpv6(int[] words, long low) {
        int bestBase = -1;
        int bestLen = 0;
        for (int i = 0; i < IPV6_WORDS; ) {
            if (words[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < IPV6_WORDS && words[i] == 0) {
                i++;
            }
            if (i - start > bestLen) {
                bestBase = start;
                bestLen = i - start;
            }
        }
        if (bestLen < 2) {
            bestBase = -1;
        }
        StringBuilder out = new StringBuilder(40);
        for (int i = 0; i < IPV6_WORDS; i++) {
            if (bestBase >= 0 && i >= bestBase && i < bestBase + bestLen) {
                if (i == bestBase) {
                    out.append(':');
                }
                continue;
            }
            if (i != 0) {
                out.append(':');
            }
            boolean embeddedV4 = i == 6 && bestBase == 0
                    && (bestLen == 6 || (bestLen == 5 && words[5] == 0xffff));
            if (embeddedV4) {
                out.append(dotted(low & 0xffff_ffffL));
                return out.toString();
            }
            out.append(Integer.toHexString(words[i]));
        }
        if (bestBase >= 0 && bestBase + bestLen == IPV6_WORDS) {
            out.append(':');
        }
        return out.toString();
    }

    private static String dotted(long v4) {
        return ((v4 >>> 24) & 0xff) + "." + ((v4 >>> 16) & 0xff) + "." + ((v4 >>> 8) & 0xff) + "." + (v4 & 0xff);
    }
}
