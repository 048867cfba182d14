package dev.vigil.vrrp.runtime;

import dev.vigil.common.text.InetText;
import dev.vigil.linux.rtnetlink.AddressFlag;
import dev.vigil.linux.rtnetlink.AddressScope;
import dev.vigil.linux.rtnetlink.InterfaceAddress;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * One entry of {@code virtual_ipaddress} or {@code virtual_ipaddress_excluded}: the address,
 * its prefix, the optional label and device (keepalived {@code IP/mask label L dev D}) and the
 * other options. Without a device the address goes on the instance's interface.
 *
 * @param address      the virtual address
 * @param prefixLength 0..32 (IPv4) or 0..128 (IPv6); keepalived's default is the host prefix
 * @param label        IPv4 label such as {@code eth0:1}
 * @param device       interface to put it on, when not the instance's
 * @param options      the other {@code ip address add} options
 */
public record VirtualAddress(InetAddress address, int prefixLength, Optional<String> label, Optional<String> device,
                             VipOptions options) {

    public VirtualAddress {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(options, "options");
        int max = address instanceof Inet6Address ? 128 : 32;
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " is outside 0.." + max);
        }
    }

    /** An address without options. */
    public VirtualAddress(InetAddress address, int prefixLength, Optional<String> label, Optional<String> device) {
        this(address, prefixLength, label, device, VipOptions.NONE);
    }

    /** An address with this prefix on the instance's interface, no label. */
    public static VirtualAddress of(InetAddress address, int prefixLength) {
        return new VirtualAddress(address, prefixLength, Optional.empty(), Optional.empty());
    }

    /**
     * The address as the kernel gets it on interface {@code index}: label and options applied;
     * IPv6 always with {@code IFA_F_NODAD} (keepalived: usable at once, and no DAD failure after a
     * split brain); {@code preferred_lft} for IPv6 only, as keepalived sends it.
     */
    public InterfaceAddress toKernel(int index) {
        Set<AddressFlag> flags = EnumSet.noneOf(AddressFlag.class);
        flags.addAll(options.flags());
        boolean ipv6 = address instanceof Inet6Address;
        if (ipv6) {
            flags.add(AddressFlag.NODAD);
        }
        int length = options.peer().map(p -> p.length()).orElse(prefixLength);
        InterfaceAddress kernel = new InterfaceAddress(index, address, length,
                options.scope().orElse(AddressScope.UNIVERSE.code()), flags, label, options.broadcast(),
                options.peer().map(p -> p.address()), ipv6 ? options.preferredLifetime() : Optional.empty());
        return kernel;
    }

    /** The interface this address goes on. */
    public String deviceOr(String instanceInterface) {
        return device.orElse(instanceInterface);
    }

    @Override
    public String toString() {
        return InetText.format(address) + "/" + prefixLength + label.map(l -> " label " + l).orElse("")
                + device.map(d -> " dev " + d).orElse("") + options;
    }
}
