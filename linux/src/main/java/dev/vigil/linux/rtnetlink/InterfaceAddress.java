package dev.vigil.linux.rtnetlink;

import dev.vigil.common.text.InetText;
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
 * @param peer the other end of a point-to-point link ({@code peer}), sent as IFA_ADDRESS;
 *     {@code prefixLength} is then the peer's prefix, as {@code ip addr add A peer P/N} sends it
 * @param preferredLifetime seconds the address stays preferred (IFA_CACHEINFO, valid forever);
 *     empty: forever
 */
public record InterfaceAddress(int interfaceIndex, InetAddress address, int prefixLength, int scope,
        Set<AddressFlag> flags, Optional<String> label, Optional<Inet4Address> broadcast, Optional<InetAddress> peer,
        Optional<Long> preferredLifetime) {

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
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(preferredLifetime, "preferredLifetime");
        if (peer.isPresent() && (peer.get() instanceof Inet6Address) != (address instanceof Inet6Address)) {
            throw new IllegalArgumentException("peer " + InetText.format(peer.get()) + " is not the family of "
                    + InetText.format(address));
        }
        if (preferredLifetime.isPresent() && (preferredLifetime.get() < 0 || preferredLifetime.get() > 0xffff_ffffL)) {
            throw new IllegalArgumentException("preferred lifetime " + preferredLifetime.get() + " outside 0..2^32-1");
        }
    }

    /** An address without peer or preferred lifetime. */
    public InterfaceAddress(int interfaceIndex, InetAddress address, int prefixLength, int scope,
            Set<AddressFlag> flags, Optional<String> label, Optional<Inet4Address> broadcast) {
        this(interfaceIndex, address, prefixLength, scope, flags, label, broadcast, Optional.empty(), Optional.empty());
    }

    /** A global-scope address with no flags, label or broadcast. */
    public static InterfaceAddress of(int interfaceIndex, InetAddress address, int prefixLength) {
        return new InterfaceAddress(interfaceIndex, address, prefixLength, AddressScope.UNIVERSE.code(), Set.of(),
                Optional.empty(), Optional.empty());
    }

    /** This address with another scope. */
    public InterfaceAddress withScope(AddressScope newScope) {
        return new InterfaceAddress(interfaceIndex, address, prefixLength, newScope.code(), flags, label, broadcast, peer,
                preferredLifetime);
    }

    /** This address with these flags (e.g. NOPREFIXROUTE, NODAD). */
    public InterfaceAddress withFlags(Set<AddressFlag> newFlags) {
        return new InterfaceAddress(interfaceIndex, address, prefixLength, scope, newFlags, label, broadcast, peer,
                preferredLifetime);
    }

    /** This address with an IPv4 label. */
    public InterfaceAddress withLabel(String newLabel) {
        return new InterfaceAddress(interfaceIndex, address, prefixLength, scope, flags, Optional.of(newLabel),
                broadcast, peer, preferredLifetime);
    }

    /** This address with an IPv4 broadcast address. */
    public InterfaceAddress withBroadcast(Inet4Address newBroadcast) {
        return new InterfaceAddress(interfaceIndex, address, prefixLength, scope, flags, label,
                Optional.of(newBroadcast), peer, preferredLifetime);
    }

    /** This address with a point-to-point peer whose prefix length becomes the address's. */
    public InterfaceAddress withPeer(InetAddress newPeer, int peerPrefixLength) {
        return new InterfaceAddress(interfaceIndex, address, peerPrefixLength, scope, flags, label, broadcast,
                Optional.of(newPeer), preferredLifetime);
    }

    /** This address with a preferred lifetime in seconds (0 = deprecated at once). */
    public InterfaceAddress withPreferredLifetime(long seconds) {
        return new InterfaceAddress(interfaceIndex, address, prefixLength, scope, flags, label, broadcast, peer,
                Optional.of(seconds));
    }

    /** True for IPv6. */
    public boolean isIpv6() {
        return address instanceof Inet6Address;
    }

    /** "10.0.0.1/24" or "fd00::1/64". */
    public String cidr() {
        return InetText.format(address) + "/" + prefixLength;
    }
}
