package dev.vigil.daemon.alert;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * Prints an IP address the way glibc's {@code inet_ntop()} does, which is what keepalived puts
 * in its alert texts. Java's {@link InetAddress#getHostAddress()} differs for IPv6 (it never
 * compresses zeros), so IPv6 is printed here: lower-case hex without leading zeros, the longest
 * run of two or more zero groups (the first one on a tie) replaced by {@code ::}, and the last
 * 32 bits in dotted form for IPv4-compatible addresses ({@code ::a.b.c.d}), as glibc does.
 */
final class InetText {

    /** An IPv6 address has eight 16-bit groups (RFC 4291 section 2.2). */
    private static final int GROUPS = 8;

    private InetText() {
    }

    static String format(InetAddress address) {
        if (address instanceof Inet4Address) {
            return address.getHostAddress();
        }
        byte[] bytes = address.getAddress();
        int[] groups = new int[GROUPS];
        for (int i = 0; i < GROUPS; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < GROUPS; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < GROUPS && groups[i] == 0) {
                i++;
            }
            if (i - start > bestLength) {
                bestStart = start;
                bestLength = i - start;
            }
        }
        if (bestLength < 2) {
            bestStart = -1;
        }
        return render(groups, bytes, bestStart, bestLength);
    }

    private static String render(int[] groups, byte[] bytes, int zeroStart, int zeroLength) {
        StringBuilder text = new StringBuilder(39);
        for (int i = 0; i < GROUPS; i++) {
            if (i == zeroStart) {
                text.append(':');
                i += zeroLength - 1;
                if (i == GROUPS - 1) {
                    text.append(':');
                }
                continue;
            }
            if (i > 0) {
                text.append(':');
            }
            boolean embeddedIpv4 = i == 6 && zeroStart == 0
                    && (zeroLength == 6 || (zeroLength == 5 && groups[5] == 0xffff));
            if (embeddedIpv4) {
                text.append(bytes[12] & 0xff).append('.').append(bytes[13] & 0xff).append('.')
                        .append(bytes[14] & 0xff).append('.').append(bytes[15] & 0xff);
                break;
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
