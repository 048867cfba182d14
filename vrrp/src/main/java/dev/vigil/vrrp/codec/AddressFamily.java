package dev.vigil.vrrp.codec;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/** The address family of an advertisement: it fixes the size of each address it carries. */
public enum AddressFamily {
    IPV4(4),
    IPV6(16);

    private final int addressLength;

    AddressFamily(int addressLength) {
        this.addressLength = addressLength;
    }

    /** Bytes per address on the wire (RFC 3768 §5.3.9, RFC 5798 §5.2.9). */
    public int addressLength() {
        return addressLength;
    }

    /** Whether {@code address} belongs to this family. */
    public boolean holds(InetAddress address) {
        return this == IPV4 ? address instanceof Inet4Address : address instanceof Inet6Address;
    }

    /** The family of {@code address}. */
    public static AddressFamily of(InetAddress address) {
        return address instanceof Inet4Address ? IPV4 : IPV6;
    }
}
