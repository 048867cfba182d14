package dev.vigil.conf.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * A numeric IPv4 or IPv6 address, parsed without any name lookup. IPv4 must be a dotted quad
 * (keepalived's {@code inet_pton}); IPv6 is any RFC 4291 text form. The text form is the
 * RFC 5952 canonical one, which is also how the address appears in JSON and YAML.
 */
public record IpAddress(InetAddress inet) {

    /** Decimal parts of a dotted quad (RFC 791 addresses are four octets). */
    private static final int IPV4_PARTS = 4;
    private static final int OCTET_MAX = 255;
    /** RFC 4291: eight 16-bit groups. */
    private static final int IPV6_GROUPS = 8;

    public IpAddress {
        Objects.requireNonNull(inet, "inet");
    }

    /** Parses a numeric address; empty when {@code text} is not one (names are never resolved). */
    public static Optional<IpAddress> parse(String text) {
        if (text.indexOf(':') >= 0) {
            if (text.indexOf('%') >= 0) {
                return Optional.empty();
            }
            try {
                return Optional.of(new IpAddress(InetAddress.ofLiteral(text)));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return parseDottedQuad(text);
    }

    /** For JSON/YAML input: the address, or an exception naming the bad text. */
    @JsonCreator
    public static IpAddress of(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException("not a numeric IP address: " + text));
    }

    private static Optional<IpAddress> parseDottedQuad(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != IPV4_PARTS) {
            return Optional.empty();
        }
        byte[] bytes = new byte[IPV4_PARTS];
        for (int i = 0; i < IPV4_PARTS; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
                return Optional.empty();
            }
            int value = Integer.parseInt(part);
            if (value > OCTET_MAX) {
                return Optional.empty();
            }
            bytes[i] = (byte) value;
        }
        try {
            return Optional.of(new IpAddress(InetAddress.getByAddress(bytes)));
        } catch (java.net.UnknownHostException e) {
            return Optional.empty();
        }
    }

    public AddressFamily family() {
        return inet instanceof Inet4Address ? AddressFamily.INET : AddressFamily.INET6;
    }

    /** Number of bits in an address of this family. */
    public int bits() {
        return inet.getAddress().length * Byte.SIZE;
    }

    /** True for IPv6 link-local unicast (fe80::/10). */
    public boolean isLinkLocal() {
        return inet.isLinkLocalAddress();
    }

    public boolean isMulticast() {
        return inet.isMulticastAddress();
    }

    @JsonValue
    @Override
    public String toString() {
        if (inet instanceof Inet6Address) {
            return canonicalIpv6(inet.getAddress());
        }
        return inet.getHostAddress();
    }

    /** RFC 5952 section 4: lower case, no leading zeros, longest run of two or more zero groups as "::". */
    private static String canonicalIpv6(byte[] bytes) {
        int[] groups = new int[IPV6_GROUPS];
        for (int i = 0; i < IPV6_GROUPS; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < IPV6_GROUPS; ) {
            int j = i;
            while (j < IPV6_GROUPS && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < IPV6_GROUPS; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }
}
