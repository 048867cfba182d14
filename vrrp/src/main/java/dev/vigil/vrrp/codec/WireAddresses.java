package dev.vigil.vrrp.codec;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Turns raw address bytes into {@link InetAddress} values without any name lookup. IPv6 bytes
 * always give an {@link Inet6Address}, even for IPv4-mapped addresses, so the family of an
 * advertisement never changes by accident.
 */
final class WireAddresses {

    private WireAddresses() {
    }

    /** Reads one address of {@code family} at {@code offset}; the caller has checked the length. */
    static InetAddress read(byte[] data, int offset, AddressFamily family) {
        byte[] raw = new byte[family.addressLength()];
        System.arraycopy(data, offset, raw, 0, raw.length);
        try {
            return family == AddressFamily.IPV4
                    ? (Inet4Address) InetAddress.getByAddress(raw)
                    : Inet6Address.getByAddress(null, raw, -1);
        } catch (UnknownHostException impossible) {
            // Thrown only for a byte array of the wrong length, which the copy above rules out.
            throw new AssertionError(impossible);
        }
    }
}
