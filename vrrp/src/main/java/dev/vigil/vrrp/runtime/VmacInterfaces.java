package dev.vigil.vrrp.runtime;

import dev.vigil.linux.Errno;
import dev.vigil.linux.Interfaces;
import dev.vigil.linux.NativeException;
import dev.vigil.linux.packet.MacAddress;
import dev.vigil.linux.rtnetlink.AddressFlag;
import dev.vigil.linux.rtnetlink.InterfaceAddress;
import dev.vigil.linux.rtnetlink.Ipv4DevConf;
import dev.vigil.linux.rtnetlink.Link;
import dev.vigil.linux.rtnetlink.LinkRequests;
import dev.vigil.linux.rtnetlink.MacvlanMode;
import dev.vigil.linux.rtnetlink.MacvlanSpec;
import dev.vigil.linux.rtnetlink.RtNetlink;
import dev.vigil.linux.rtnetlink.VirtualLinks;
import dev.vigil.vrrp.codec.AddressFamily;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code use_vmac} interfaces of one {@link LinuxVrrpIo}, made as keepalived makes them
 * ({@code vrrp_vmac.c}, {@code vrrp_if_config.c}): a private-mode macvlan of the instance's
 * interface with the virtual router MAC and the base interface's group; IPv6 address
 * generation off (RFC 5798 §7.4: no EUI-64 link-local from the virtual MAC); then
 * <ul>
 *   <li>IPv4: on the VMAC {@code arp_ignore=1}, {@code accept_local=1}, {@code rp_filter=0}
 *       (it has no address of its own), {@code promote_secondaries=1}; on the base interface
 *       {@code arp_ignore=1} and {@code arp_filter=1} (restored when its last VMAC goes);</li>
 *   <li>IPv6: on the VMAC {@code arp_ignore=1}; unless {@code vmac_xmit_base}, the advert
 *       source ({@code mcast_src_ip}, else the base interface's link-local address, else one
 *       made from the base MAC) is added to it.</li>
 * </ul>
 * An existing macvlan of the same name is replaced; any other interface of that name is an
 * error. An instance replaced by a reload keeps its VMAC when the new one names the same with
 * the same settings (otherwise it is made again); a VMAC is deleted with its last user. Used
 * under the {@link LinuxVrrpIo}'s lock.
 */
final class VmacInterfaces implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VmacInterfaces.class);
    private static final int LINK_LOCAL_PREFIX = 64;

    /**
     * One VMAC we made and how many instances use it, by name: during a reload an instance
     * that is replaced (removed and added under the same name) counts twice until the old one goes.
     */
    private record Made(int index, String baseName, int baseIndex, AddressFamily family, Optional<InetAddress> source,
                        VirtualMac vmac, Map<String, Integer> users) {

        boolean sameAs(VirtualMac other, int otherBase, AddressFamily otherFamily) {
            return vmac.equals(other) && baseIndex == otherBase && family == otherFamily;
        }

        Made at(int newIndex, int newBaseIndex) {
            return new Made(newIndex, baseName, newBaseIndex, family, source, vmac, users);
        }
    }

    /** A base interface whose ARP settings we changed, what they were, and how many VMACs need them. */
    private static final class Base {
        final Map<Ipv4DevConf, Integer> saved;
        final boolean changed;
        int users = 1;

        Base(Map<Ipv4DevConf, Integer> saved, boolean changed) {
            this.saved = saved;
            this.changed = changed;
        }
    }

    /** The VMACs there now; each IPv4 one holds its base interface's ARP settings. */
    private final Map<String, Made> made = new HashMap<>();
    /**
     * VMACs deleted by someone else that could not be made again (their base interface was gone
     * too): made again when it comes back. They hold nothing.
     */
    private final Map<String, Made> lost = new HashMap<>();
    private final Map<Integer, Base> bases = new HashMap<>();
    private VirtualLinks links;

    /** Makes (or joins) the instance's VMAC; nothing without {@code use_vmac}. */
    void add(VrrpInstanceSettings instance, RtNetlink rt) throws NativeException {
        if (instance.virtualMac().isEmpty()) {
            return;
        }
        VirtualMac vmac = instance.virtualMac().get();
        int baseIndex = Interfaces.index(instance.interfaceName());
        Map<String, Integer> users = new HashMap<>();
        Made existing = made.get(vmac.interfaceName());
        if (existing != null) {
            existing.users().merge(instance.name(), 1, Integer::sum);
            if (existing.sameAs(vmac, baseIndex, instance.family())) {
                return;
            }
            // A reload replaced the instance with other VMAC settings under the same name.
            made.remove(vmac.interfaceName());
            release(vmac.interfaceName(), existing);
            users.putAll(existing.users());
        } else {
            users.put(instance.name(), 1);
        }
        Made wasLost = lost.get(vmac.interfaceName());
        if (wasLost != null) {
            wasLost.users().forEach((user, count) -> users.merge(user, count, Integer::sum));
        }
        replaceStale(links(), vmac.interfaceName());
        Made m = make(new Made(0, instance.interfaceName(), baseIndex, instance.family(), instance.multicastSource(),
                vmac, users), rt);
        if (m.family() == AddressFamily.IPV4) {
            try {
                holdBase(links(), baseIndex);
            } catch (NativeException | RuntimeException e) {
                deleteQuietly(vmac.interfaceName(), m.index());
                throw e;
            }
        }
        lost.remove(vmac.interfaceName());
        made.put(vmac.interfaceName(), m);
        LOG.info("({}) created VMAC interface {} ({}) on {}", instance.name(), vmac.interfaceName(), vmac.mac(),
                instance.interfaceName());
    }

    /** The index of the VMAC {@code name} we made and use now. */
    OptionalInt index(String name) {
        Made m = made.get(name);
        return m == null ? OptionalInt.empty() : OptionalInt.of(m.index());
    }

    /** The VMACs lost with their base interface {@code baseName}, to make again now that it is back. */
    List<String> lostOn(String baseName) {
        return lost.values().stream().filter(m -> m.baseName().equals(baseName)).map(m -> m.vmac().interfaceName())
                .sorted().toList();
    }

    /**
     * Our VMAC {@code name} was deleted by someone else (or lost with its base interface): it is
     * made again with the same settings on the base interface of that name. When that fails
     * (the base interface is gone too, say) it is kept as lost, to be made again when
     * {@link #lostOn} names it, and holds its base interface's ARP settings no more.
     */
    void remake(String name, RtNetlink rt) throws NativeException {
        boolean wasLost = lost.containsKey(name);
        Made m = wasLost ? lost.remove(name) : made.remove(name);
        if (m == null) {
            throw new IllegalArgumentException("no VMAC interface " + name + " of ours");
        }
        Made again;
        try {
            if (links().find(name).isPresent()) {
                throw new NativeException("create VMAC interface " + name + " again", Errno.EEXIST.code(), null,
                        "another interface named " + name + " exists now; a reload makes the VMAC again once it is gone");
            }
            int baseIndex = Interfaces.index(m.baseName());
            again = make(m.at(0, baseIndex), rt);
            if (m.family() == AddressFamily.IPV4 && (wasLost || baseIndex != m.baseIndex())) {
                try {
                    holdBase(links(), baseIndex);
                } catch (NativeException | RuntimeException e) {
                    deleteQuietly(name, again.index());
                    throw e;
                }
            }
        } catch (NativeException | RuntimeException e) {
            if (!wasLost) {
                releaseBase(m);
            }
            lost.put(name, m);
            throw e;
        }
        if (!wasLost && again.baseIndex() != m.baseIndex()) {
            releaseBase(m);
        }
        made.put(name, again);
        LOG.info("VMAC interface {} ({}) was deleted; created it again on {} (now ifindex {})", name, m.vmac().mac(),
                m.baseName(), again.index());
    }

    /** Creates and configures the macvlan {@code m} describes; the result carries its new index. */
    private Made make(Made m, RtNetlink rt) throws NativeException {
        VirtualLinks l = links();
        VirtualMac vmac = m.vmac();
        int group = vmac.group().orElse(LinkRequests.group(l.describe(m.baseIndex())));
        int index = l.createMacvlan(new MacvlanSpec(vmac.interfaceName(), m.baseIndex(), vmac.mac(),
                MacvlanMode.PRIVATE, Optional.of(group)));
        try {
            configure(m, index, rt);
        } catch (NativeException | RuntimeException e) {
            deleteQuietly(vmac.interfaceName(), index);
            throw e;
        }
        return m.at(index, m.baseIndex());
    }

    /** The instance stopped: its VMAC goes once no other instance uses it. */
    void remove(VrrpInstanceSettings instance) {
        if (instance.virtualMac().isEmpty()) {
            return;
        }
        String name = instance.virtualMac().get().interfaceName();
        boolean isLost = lost.containsKey(name);
        Made m = isLost ? lost.get(name) : made.get(name);
        if (m == null || !m.users().containsKey(instance.name())) {
            return;
        }
        if (m.users().merge(instance.name(), -1, Integer::sum) == 0) {
            m.users().remove(instance.name());
        }
        if (!m.users().isEmpty()) {
            return;
        }
        if (isLost) {
            lost.remove(name);
            return;
        }
        made.remove(name);
        release(name, m);
    }

    /** Deletes every VMAC still here and restores the base interfaces. */
    @Override
    public void close() {
        Map<String, Made> all = Map.copyOf(made);
        made.clear();
        lost.clear();
        all.forEach(this::release);
        if (links != null) {
            links.close();
            links = null;
        }
    }

    private void configure(Made m, int index, RtNetlink rt) throws NativeException {
        VirtualLinks l = links();
        Map<Ipv4DevConf, Integer> own = new EnumMap<>(Ipv4DevConf.class);
        own.put(Ipv4DevConf.ARP_IGNORE, 1);
        if (m.family() == AddressFamily.IPV4) {
            own.put(Ipv4DevConf.ACCEPT_LOCAL, 1);
            own.put(Ipv4DevConf.RP_FILTER, 0);
            own.put(Ipv4DevConf.PROMOTE_SECONDARIES, 1);
        }
        l.setIpv4Conf(index, own);
        l.disableAddressGeneration(index);
        l.setUp(index);
        if (m.family() == AddressFamily.IPV6 && !m.vmac().xmitBase()) {
            InetAddress source = m.source().orElse(baseLinkLocal(rt, m.baseIndex()));
            try {
                rt.addAddress(InterfaceAddress.of(index, source, LINK_LOCAL_PREFIX).withFlags(Set.of(AddressFlag.NODAD)));
            } catch (NativeException e) {
                if (e.errno() != Errno.EEXIST.code()) {
                    throw e;
                }
            }
        }
    }

    /** arp_ignore=1 and arp_filter=1 on the base interface, the old values kept for its last VMAC. */
    private void holdBase(VirtualLinks l, int baseIndex) throws NativeException {
        Base base = bases.get(baseIndex);
        if (base != null) {
            base.users++;
            return;
        }
        Map<Ipv4DevConf, Integer> now = LinkRequests.ipv4Conf(l.describe(baseIndex));
        boolean change = now.getOrDefault(Ipv4DevConf.ARP_IGNORE, 0) != 1
                || now.getOrDefault(Ipv4DevConf.ARP_FILTER, 0) != 1;
        if (change) {
            l.setIpv4Conf(baseIndex, Map.of(Ipv4DevConf.ARP_IGNORE, 1, Ipv4DevConf.ARP_FILTER, 1));
        }
        bases.put(baseIndex, new Base(now, change));
    }

    private void release(String name, Made m) {
        deleteQuietly(name, m.index());
        releaseBase(m);
    }

    /** The VMAC no longer holds its base interface's ARP settings; its last VMAC restores them. */
    private void releaseBase(Made m) {
        if (m.family() == AddressFamily.IPV4) {
            Base base = bases.get(m.baseIndex());
            if (base != null && --base.users == 0) {
                bases.remove(m.baseIndex());
                if (base.changed) {
                    try {
                        links().setIpv4Conf(m.baseIndex(), Map.of(
                                Ipv4DevConf.ARP_IGNORE, base.saved.getOrDefault(Ipv4DevConf.ARP_IGNORE, 0),
                                Ipv4DevConf.ARP_FILTER, base.saved.getOrDefault(Ipv4DevConf.ARP_FILTER, 0)));
                    } catch (NativeException e) {
                        if (e.errno() != Errno.ENODEV.code()) {
                            LOG.warn("could not restore arp_ignore/arp_filter of {}: {}", m.baseName(),
                                    e.getMessage());
                        }
                    }
                }
            }
        }
    }

    /** A macvlan left with our name (a previous run) is deleted; any other interface with it is an error. */
    private static void replaceStale(VirtualLinks l, String name) throws NativeException {
        Optional<Link> old = l.find(name);
        if (old.isEmpty()) {
            return;
        }
        if (!LinkRequests.kind(l.describe(old.get().index())).orElse("").equals("macvlan")) {
            throw new NativeException("create VMAC interface " + name, Errno.EEXIST.code(), null,
                    "an interface named " + name + " exists and is not a macvlan; name another with use_vmac NAME"
                            + " or vmac_prefix");
        }
        LOG.info("removing old VMAC interface {} before creating it again", name);
        l.delete(old.get().index());
    }

    private void deleteQuietly(String name, int index) {
        try {
            links().delete(index);
            LOG.info("deleted VMAC interface {}", name);
        } catch (NativeException e) {
            LOG.warn("could not delete VMAC interface {}: {}", name, e.getMessage());
        }
    }

    /** The base interface's link-local address, else the EUI-64 one of its MAC (keepalived's order). */
    private static InetAddress baseLinkLocal(RtNetlink rt, int baseIndex) throws NativeException {
        for (InterfaceAddress address : rt.addresses(baseIndex)) {
            if (address.address() instanceof Inet6Address v6 && v6.isLinkLocalAddress()
                    && !address.flags().contains(AddressFlag.TENTATIVE)) {
                return v6;
            }
        }
        MacAddress mac = rt.link(baseIndex).flatMap(Link::mac).orElse(MacAddress.ZERO);
        return eui64LinkLocal(mac);
    }

    /** fe80::/64 with the modified EUI-64 interface identifier of {@code mac} (RFC 4291 appendix A). */
    static InetAddress eui64LinkLocal(MacAddress mac) {
        byte[] m = mac.bytes();
        byte[] a = new byte[16];
        a[0] = (byte) 0xfe;
        a[1] = (byte) 0x80;
        a[8] = (byte) (m[0] ^ 0x02);
        a[9] = m[1];
        a[10] = m[2];
        a[11] = (byte) 0xff;
        a[12] = (byte) 0xfe;
        a[13] = m[3];
        a[14] = m[4];
        a[15] = m[5];
        try {
            return InetAddress.getByAddress(a);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("16 bytes are always an IPv6 address", e);
        }
    }

    private VirtualLinks links() throws NativeException {
        if (links == null) {
            links = VirtualLinks.open();
        }
        return links;
    }
}
