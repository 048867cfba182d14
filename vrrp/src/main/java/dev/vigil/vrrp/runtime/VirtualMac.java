package dev.vigil.vrrp.runtime;

import dev.vigil.linux.packet.MacAddress;
import dev.vigil.vrrp.codec.AddressFamily;
import java.util.Objects;
import java.util.Optional;

/**
 * keepalived's {@code use_vmac}: the instance runs on a private-mode macvlan of its interface
 * that carries the RFC 5798 §7.3 virtual router MAC (00-00-5E-00-01-VRID for IPv4,
 * 00-00-5E-00-02-VRID for IPv6) or a configured one. Its VIPs live there and GARPs come from
 * it; adverts are sent and received there, or on the base interface with
 * {@code vmac_xmit_base}. The runtime creates it at start and deletes it at stop.
 *
 * @param interfaceName the macvlan's name ({@code use_vmac NAME}, else {@code vmac_prefix.VRID})
 * @param mac           its hardware address
 * @param xmitBase      {@code vmac_xmit_base}: adverts go out of (and are read from) the base interface
 * @param group         {@code use_vmac ... group G}; empty copies the base interface's group
 */
public record VirtualMac(String interfaceName, MacAddress mac, boolean xmitBase, Optional<Integer> group) {

    /** keepalived's default prefix of VMAC names ({@code vmac_prefix}). */
    public static final String DEFAULT_PREFIX = "vrrp";
    /** IFNAMSIZ less the NUL. */
    private static final int MAX_NAME = 15;

    public VirtualMac {
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(group, "group");
        if (interfaceName.isEmpty() || interfaceName.length() > MAX_NAME) {
            throw new IllegalArgumentException("VMAC interface name '" + interfaceName + "' must be 1.." + MAX_NAME
                    + " characters");
        }
    }

    /** The RFC 5798 §7.3 virtual router MAC of {@code vrid} for {@code family}. */
    public static MacAddress routerMac(int vrid, AddressFamily family) {
        if (vrid < 1 || vrid > 255) {
            throw new IllegalArgumentException("VRID " + vrid + " is outside 1..255");
        }
        long prefix = family == AddressFamily.IPV4 ? 0x00005E000100L : 0x00005E000200L;
        return new MacAddress(prefix | vrid);
    }

    /**
     * keepalived's name when {@code use_vmac} names none: {@code PREFIX.VRID}, the prefix cut so
     * that the name fits in 15 characters.
     */
    public static String defaultName(String prefix, int vrid) {
        String suffix = "." + vrid;
        String cut = prefix.length() + suffix.length() > MAX_NAME ? prefix.substring(0, MAX_NAME - suffix.length())
                : prefix;
        return cut + suffix;
    }

    /** {@code use_vmac} with keepalived's defaults: {@code vrrp.VRID}, the router MAC, sent on the VMAC. */
    public static VirtualMac keepalivedDefault(int vrid, AddressFamily family) {
        return new VirtualMac(defaultName(DEFAULT_PREFIX, vrid), routerMac(vrid, family), false, Optional.empty());
    }
}
