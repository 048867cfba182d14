package dev.vigil.linux.rtnetlink;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An address on an interface, as listed or notified by rtnetlink (RTM_NEWADDR/RTM_DELADDR)
 * and as requested by {@link RtNetlink#addAddress}.
 *
 * @param interfaceIndex the interface
 * @param address the address (IFA_LOCAL for IPv4, IFA_ADDRESS for IPv6)
 * @param prefixLength the prefix length
 * @param scope the scope number (see {@link AddressScope})
 * @param flags the IFA_F_* flags
 * @param label the IPv4 label (e.g. "eth0:1"), if any
 * @param broadcast the IPv4 broadcast address, if any
 */
public record InterfaceAddress(int interfaceIndex, InetAddress address, int prefixLength, int scope,
        Set<AddressFlag> flags, Optional<String> label, Optional<Inet4Address> broadcast) {

    /** Validates the prefix length against the family, copies the flag set. */
    public InterfaceAddress {
        Objects.requireNonNull(address, "address");
        int maxPrefix = address instanceof Inet6Address ? 128 : 32;
        if (prefixLength < 0 || prefixLength > maxPrefix) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " outside 0.." + maxPrefix);
        }
        if (scope < 0 || scope > 255) {
            throw new IllegalArgumentException("scope must be 0..255, got " + scope);
        }
        if (label.isPresent() && label.get().length() > 15) {
            throw new IllegalArgumentException("a label has at most 15 characters (IFNAMSIZ): " + label.get());
        }
        flags = Set.copyOf(flags);
    }

    /** A global-scope address with no flags, label or broadcast. */
    public static InterfaceAddress of(int interfaceIndex, InetAddress address, int prefixLength) {
        return new InterfaceAddress(interfaceIndex, address, prefixLength, AddressScope.UNIVERSE.code(), Set.of(),
                Optional.empty(), Optional.empty());
    }

    /** This address with another scope. */
    public InterfaceAddress withScope(AddressScope newScope) {
        return new InterfaceAddress(interfaceIndex, address, prefixLength, newScope.code(), flags, label, broadcast);
    }

    /** This address with these flags (e.g. NOPREFIXROUTE, NODAD). */
    public InterfaceAddress withFlags(Set<AddressFlag> newFlags) {
        return new InterfaceAddress(interfaceIndex, address, prefixLength, scope, newFlags, label, broadcast);
    }

    /** This address with an IPv4 label. */
    public InterfaceAddress withLabel(String newLabel) {
        return new InterfaceAddress(interfaceIndex, address, prefixLength, scope, flags, Optional.of(newLabel),
                broadcast);
    }

    /** This address with an IPv4 broadcast address. */
    public InterfaceAddress withBroadcast(Inet4Address newBroadcast) {
        return new InterfaceAddress(interfaceIndex, address, prefixLength, scope, flags, label,
                Optional.of(newBroadcast));
    }

    /** True for IPv6. */
    public boolean isIpv6() {
        return address instanceof Inet6Address;
    }

    /** "10.0.0.1/24" or "fd00::1/64". */
    public String cidr() {
        return address.getHostAddress() + "/" + prefixLength;
    }
}
