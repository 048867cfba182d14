package dev.vigil.linux;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Parses IP address literals without ever resolving a host name (unlike
 * {@link InetAddress#getByName}, which would do a DNS lookup for anything that is not a
 * literal). Pure.
 */
public final class IpLiteral {

    private IpLiteral() {
    }

    /** A dotted-quad IPv4 or an RFC 4291 §2.2 IPv6 literal (no zone index); empty otherwise. */
    public static Optional<InetAddress> parse(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        return text.indexOf(':') >= 0 ? parseIpv6(text).map(a -> a) : parseIpv4(text).map(a -> a);
    }

    /** A strict dotted quad: four decimal parts 0..255, no leading zeros (which some read as octal). */
    public static Optional<Inet4Address> parseIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || part.length() > 1 && part.charAt(0) == '0'
                    || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return Optional.empty();
            }
            int value = Integer.parseInt(part);
            if (value > 255) {
                return Optional.empty();
            }
            bytes[i] = (byte) value;
        }
        return Optional.of((Inet4Address) bytesToAddress(bytes));
    }

    /**
     * An IPv6 literal; the JDK parses it, after this method has made sure it contains only
     * hex digits, colons and (for an embedded IPv4 tail) dots, so no lookup can happen.
     */
    public static Optional<Inet6Address> parseIpv6(String text) {
        if (text.length() < 2 || text.length() > 45
                || !text.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
            return Optional.empty();
        }
        try {
            InetAddress address = InetAddress.getByName(text);
            if (address instanceof Inet6Address v6) {
                return Optional.of(v6);
            }
            // The JDK folds ::ffff:a.b.c.d to IPv4; keep the caller's IPv6 spelling.
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xFF;
            mapped[11] = (byte) 0xFF;
            System.arraycopy(address.getAddress(), 0, mapped, 12, 4);
            return Optional.of(Inet6Address.getByAddress(null, mapped, -1));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static InetAddress bytesToAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new AssertionError("4 bytes are always an IPv4 address", e);
        }
    }
}
