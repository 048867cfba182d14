package dev.vigil.vrrp.runtime;

import dev.vigil.linux.Errno;
import dev.vigil.linux.NativeException;
import dev.vigil.linux.rtnetlink.AddressFlag;
import dev.vigil.linux.rtnetlink.InterfaceAddress;
import dev.vigil.linux.rtnetlink.RtNetlink;
import java.net.Inet6Address;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Adds and removes one instance's VIPs with rtnetlink. An address the kernel already has
 * (EEXIST) is left alone and not remembered, so {@link #remove} never deletes an address
 * someone else configured; one already gone (EADDRNOTAVAIL) counts as removed. IPv6 VIPs are
 * added with {@code IFA_F_NODAD} as keepalived does, so they are usable at once. Confined to
 * the event loop.
 */
final class RtNetlinkVipApplier implements VipApplier {

    private final RtNetlink rtnetlink;
    private final String instanceInterface;
    private final Map<String, Integer> interfaceIndexes;
    /** The VIPs this applier added and has not removed. */
    private final Set<VirtualAddress> added = new LinkedHashSet<>();

    /**
     * @param interfaceIndexes index of the instance's interface and of every VIP {@code dev},
     *                         resolved in the runtime's namespace at start
     */
    RtNetlinkVipApplier(RtNetlink rtnetlink, String instanceInterface, Map<String, Integer> interfaceIndexes) {
        this.rtnetlink = Objects.requireNonNull(rtnetlink, "rtnetlink");
        this.instanceInterface = Objects.requireNonNull(instanceInterface, "instanceInterface");
        this.interfaceIndexes = Map.copyOf(interfaceIndexes);
    }

    @Override
    public void add(List<VirtualAddress> vips) throws NativeException {
        NativeException first = null;
        for (VirtualAddress vip : vips) {
            if (added.contains(vip)) {
                continue;
            }
            try {
                rtnetlink.addAddress(kernelAddress(vip));
                added.add(vip);
            } catch (NativeException e) {
                if (!e.is(Errno.EEXIST)) {
                    first = first == null ? e : first;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public void remove(List<VirtualAddress> vips) throws NativeException {
        NativeException first = null;
        for (VirtualAddress vip : vips) {
            if (!added.contains(vip)) {
                continue;
            }
            try {
                rtnetlink.deleteAddress(kernelAddress(vip));
                added.remove(vip);
            } catch (NativeException e) {
                if (e.is(Errno.EADDRNOTAVAIL) || e.is(Errno.ENODEV)) {
                    added.remove(vip);
                } else {
                    first = first == null ? e : first;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private InterfaceAddress kernelAddress(VirtualAddress vip) {
        Integer index = interfaceIndexes.get(vip.deviceOr(instanceInterface));
        if (index == null) {
            throw new IllegalStateException("no index resolved for " + vip.deviceOr(instanceInterface));
        }
        InterfaceAddress address = InterfaceAddress.of(index, vip.address(), vip.prefixLength());
        if (vip.address() instanceof Inet6Address) {
            address = address.withFlags(Set.of(AddressFlag.NODAD));
        }
        if (vip.label().isPresent()) {
            address = address.withLabel(vip.label().get());
        }
        return address;
    }
}
