package dev.vigil.common.text;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * An IP address as glibc's {@code inet_ntop()} writes it, which is how keepalived prints
 * addresses everywhere (logs, alert texts, the HTTP checkers' Host header, its data dump).
 * IPv4 is dotted decimal. For IPv6, Java's {@link InetAddress#getHostAddress()} writes all
 * eight groups ({@code fe80:0:0:0:0:0:0:1}); this writes lower-case hex groups without
 * leading zeros, the first longest run of two or more zero groups as {@code ::}, and the last
 * 32 bits in dotted form for IPv4-compatible ({@code ::a.b.c.d}) and IPv4-mapped
 * ({@code ::ffff:a.b.c.d}) addresses, as glibc does. Pure.
 */
public final class InetText {

    /** An IPv6 address has eight 16-bit groups (RFC 4291 section 2.2). */
    private static final int GROUPS = 8;
    /** Zero groups before the embedded IPv4 address of an IPv4-compatible address. */
    private static final int COMPATIBLE_ZEROS = 6;
    private static final int IPV4_BYTES = 4;

    private InetText() {
    }

    /** {@code address} as inet_ntop writes it (no scope suffix, as inet_ntop has none). */
    public static String format(InetAddress address) {
        if (address instanceof Inet4Address) {
            return address.getHostAddress();
        }
        return format(address.getAddress());
    }

    /**
     * An address in network byte order as inet_ntop writes it: 4 bytes are IPv4, 16 bytes
     * IPv6.
     *
     * @throws IllegalArgumentException for any other length
     */
    public static String format(byte[] bytes) {
        if (bytes.length == IPV4_BYTES) {
            return dotted(bytes, 0);
        }
        if (bytes.length != 2 * GROUPS) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + bytes.length);
        }
        int[] groups = new int[GROUPS];
        for (int i = 0; i < GROUPS; i++) {
            groups[i] = (bytes[2 * i] & 0xff) << 8 | bytes[2 * i + 1] & 0xff;
        }
        int zeroStart = -1;
        int zeroLength = 0;
        for (int i = 0; i < GROUPS; ) {
            int length = 0;
            while (i + length < GROUPS && groups[i + length] == 0) {
                length++;
            }
            if (length > zeroLength) {
                zeroStart = i;
                zeroLength = length;
            }
            i += Math.max(length, 1);
        }
        if (zeroLength < 2) {
            zeroStart = -1;
            zeroLength = 0;
        }
        return render(groups, bytes, zeroStart, zeroLength);
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
            boolean embeddedIpv4 = i == COMPATIBLE_ZEROS && zeroStart == 0 && (zeroLength == COMPATIBLE_ZEROS
                    || zeroLength == COMPATIBLE_ZEROS - 1 && groups[COMPATIBLE_ZEROS - 1] == 0xffff);
            if (embeddedIpv4) {
                text.append(dotted(bytes, 2 * GROUPS - IPV4_BYTES));
                break;
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    private static String dotted(byte[] bytes, int from) {
        return (bytes[from] & 0xff) + "." + (bytes[from + 1] & 0xff) + "." + (bytes[from + 2] & 0xff) + "."
                + (bytes[from + 3] & 0xff);
    }
}
