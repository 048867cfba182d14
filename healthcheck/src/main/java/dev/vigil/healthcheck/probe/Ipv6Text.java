package dev.vigil.healthcheck.probe;

import java.net.Inet6Address;

/**
 * An IPv6 address as glibc's {@code inet_ntop()} writes it, which is what keepalived puts in
 * the Host header: lower-case hex words without leading zeros, the longest run of two or
 * more zero words (the first, on a tie) as "::", and the last 32 bits in dotted form for
 * IPv4-compatible ({@code ::a.b.c.d}) and IPv4-mapped ({@code ::ffff:a.b.c.d}) addresses.
 * Java's {@link Inet6Address#getHostAddress()} writes every word instead. Pure.
 */
final class Ipv6Text {

    private static final int WORDS = 8;
    /** Zero words before the embedded IPv4 address of a compatible address. */
    private static final int COMPAT_ZERO_WORDS = 6;

    private Ipv6Text() {
    }

    static String format(Inet6Address address) {
        byte[] bytes = address.getAddress();
        int[] words = new int[WORDS];
        for (int i = 0; i < WORDS; i++) {
            words[i] = (bytes[2 * i] & 0xff) << 8 | bytes[2 * i + 1] & 0xff;
        }
        int[] run = longestZeroRun(words);
        int bestBase = run[0];
        int bestLength = run[1];
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < WORDS; i++) {
            if (bestBase >= 0 && i >= bestBase && i < bestBase + bestLength) {
                if (i == bestBase) {
                    text.append(':');
                }
                continue;
            }
            if (i != 0) {
                text.append(':');
            }
            if (i == COMPAT_ZERO_WORDS && bestBase == 0 && (bestLength == COMPAT_ZERO_WORDS
                    || bestLength == COMPAT_ZERO_WORDS - 1 && words[COMPAT_ZERO_WORDS - 1] == 0xffff)) {
                text.append(bytes[12] & 0xff).append('.').append(bytes[13] & 0xff).append('.')
                        .append(bytes[14] & 0xff).append('.').append(bytes[15] & 0xff);
                return text.toString();
            }
            text.append(Integer.toHexString(words[i]));
        }
        if (bestBase >= 0 && bestBase + bestLength == WORDS) {
            text.append(':');
        }
        return text.toString();
    }

    /** {base, length} of the first longest run of two or more zero words; base −1 when none. */
    private static int[] longestZeroRun(int[] words) {
        int bestBase = -1;
        int bestLength = 0;
        for (int i = 0; i < WORDS; i++) {
            int length = 0;
            while (i + length < WORDS && words[i + length] == 0) {
                length++;
            }
            if (length > bestLength) {
                bestBase = i;
                bestLength = length;
            }
            i += length;
        }
        return bestLength < 2 ? new int[] {-1, 0} : new int[] {bestBase, bestLength};
    }
}
