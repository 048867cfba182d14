package dev.vigil.linux.rtnetlink;

import dev.vigil.common.text.InetText;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * An address and a prefix length, as a route destination or a rule selector carries them.
 *
 * @param address the address (host bits are sent as given; the kernel refuses a route whose
 *                destination has host bits set with EINVAL)
 * @param length  0..32 (IPv4) or 0..128 (IPv6)
 */
public record AddressPrefix(InetAddress address, int length) {

    /** Validates the length against the family. */
    public AddressPrefix {
        Objects.requireNonNull(address, "address");
        int max = address instanceof Inet6Address ? 128 : 32;
        if (length < 0 || length > max) {
            throw new IllegalArgumentException("prefix length " + length + " outside 0.." + max);
        }
    }

    /** True for IPv6. */
    public boolean isIpv6() {
        return address instanceof Inet6Address;
    }

    @Override
    public String toString() {
        return InetText.format(address) + "/" + length;
    }
}
