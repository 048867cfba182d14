package dev.vigil.daemon.adapt;

import dev.vigil.conf.model.UseVmac;
import dev.vigil.conf.model.VrrpDefaults;
import dev.vigil.conf.model.VrrpInstance;
import dev.vigil.linux.packet.MacAddress;
import dev.vigil.vrrp.codec.AddressFamily;
import dev.vigil.vrrp.runtime.VirtualMac;
import dev.vigil.vrrp.runtime.VrrpInstanceSettings;
import java.net.InetAddress;
import java.util.List;

/**
 * The runtime's {@code use_vmac} and multicast group of an instance: the conf layer's resolved
 * {@link UseVmac} as a {@link VirtualMac} (the RFC 5798 router MAC unless one is configured),
 * and {@code mcast_dst_ip} / {@code vrrp_mcast_group4|6} when it is not the IANA group. Pure.
 */
final class VmacSettings {

    private VmacSettings() {
    }

    /** {@code settings} with the instance's VMAC and multicast group, if it has them. */
    static VrrpInstanceSettings apply(VrrpInstance instance, VrrpInstanceSettings settings, String subject,
                                      List<AdaptIssue> issues) {
        VrrpInstanceSettings out = settings;
        if (instance.useVmac().isPresent()) {
            UseVmac vmac = instance.useVmac().get();
            MacAddress mac = vmac.mac().flatMap(MacAddress::parse)
                    .orElse(VirtualMac.routerMac(settings.vrid(), settings.family()));
            out = out.withVirtualMac(new VirtualMac(vmac.interfaceName(), mac, vmac.xmitBase(), vmac.group()));
            if (vmac.netlinkNotifyMsg()) {
                issues.add(new AdaptIssue(subject, "use_vmac netlink_notify_msg is not supported yet, ignored"));
            }
        }
        if (!out.unicast() && instance.multicastGroup().isPresent()) {
            InetAddress group = instance.multicastGroup().get().inet();
            InetAddress iana = settings.family() == AddressFamily.IPV6 ? VrrpDefaults.MCAST_GROUP6.inet()
                    : VrrpDefaults.MCAST_GROUP4.inet();
            if (!group.equals(iana)) {
                out = out.withMulticastGroup(group);
            }
        }
        return out;
    }
}
