package dev.vigil.vrrp.runtime;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of {@code virtual_ipaddress}: the address, its prefix, and the optional label
 * and device (keepalived {@code IP/mask label L dev D}). Without a device the address goes on
 * the instance's interface.
 *
 * @param address      the virtual address
 * @param prefixLength 0..32 (IPv4) or 0..128 (IPv6); keepalived's default is the host prefix
 * @param label        IPv4 label such as {@code eth0:1}
 * @param device       interface to put it on, when not the instance's
 */
public record VirtualAddress(InetAddress address, int prefixLength, Optional<String> label, Optional<String> device) {

    public VirtualAddress {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(device, "device");
        int max = address instanceof Inet6Address ? 128 : 32;
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " is outside 0.." + max);
        }
    }

    /** An address with this prefix on the instance's interface, no label. */
    public static VirtualAddress of(InetAddress address, int prefixLength) {
        return new VirtualAddress(address, prefixLength, Optional.empty(), Optional.empty());
    }

    /** The interface this address goes on. */
    public String deviceOr(String instanceInterface) {
        return device.orElse(instanceInterface);
    }

    @Override
    public String toString() {
        return address.getHostAddress() + "/" + prefixLength + label.map(l -> " label " + l).orElse("")
                + device.map(d -> " dev " + d).orElse("");
    }
}
