package dev.vigil.conf.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.vigil.common.text.InetText;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * A numeric IPv4 or IPv6 address, parsed without any name lookup. IPv4 must be a dotted quad
 * (keepalived's {@code inet_pton}); IPv6 is any RFC 4291 text form. The text form is
 * inet_ntop's, as keepalived prints addresses (RFC 5952's short form, but {@code ::a.b.c.d} for
 * an IPv4-compatible address), which is also how the address appears in JSON and YAML.
 */
public record IpAddress(InetAddress inet) {

    /** Decimal parts of a dotted quad (RFC 791 addresses are four octets). */
    private static final int IPV4_PARTS = 4;
    private static final int OCTET_MAX = 255;

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
        return InetText.format(inet);
    }
}
