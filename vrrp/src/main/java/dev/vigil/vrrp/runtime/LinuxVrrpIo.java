package dev.vigil.vrrp.runtime;

import dev.vigil.linux.Capability;
import dev.vigil.linux.Errno;
import dev.vigil.linux.Interfaces;
import dev.vigil.linux.NativeException;
import dev.vigil.linux.packet.MacAddress;
import dev.vigil.linux.rtnetlink.AddressFlag;
import dev.vigil.linux.rtnetlink.InterfaceAddress;
import dev.vigil.linux.rtnetlink.Link;
import dev.vigil.linux.rtnetlink.RtNetlink;
import dev.vigil.linux.socket.PacketSocket;
import dev.vigil.linux.socket.RawIpv4Socket;
import dev.vigil.linux.socket.RawIpv6Socket;
import dev.vigil.vrrp.codec.AddressFamily;
import dev.vigil.vrrp.codec.UnicastPeer;
import dev.vigil.vrrp.codec.VrrpWire;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The real {@link VrrpIo}: raw IPv4/IPv6 sockets for adverts, rtnetlink for VIPs and link
 * state, a packet socket for gratuitous ARP / NA. Nothing is opened until the runtime asks
 * (from {@link VrrpRuntime#start()}), so everything lives in the network namespace of the
 * thread that starts the runtime. One send socket per interface and family is shared by the
 * instances on it (keepalived's socket pool). {@code use_vmac} interfaces are made by
 * {@link VmacInterfaces} and deleted at {@link #close()}. Needs CAP_NET_RAW and CAP_NET_ADMIN.
 *
 * <p>Factory methods are called from the starting thread; the seams they return are used on
 * the event loop; {@link #close()} from the stopping thread.
 */
public final class LinuxVrrpIo implements VrrpIo {

    /** Guarded by this. */
    private RtNetlink rtnetlink;
    /** Guarded by this. */
    private final VmacInterfaces vmacs = new VmacInterfaces();
    /** Guarded by this. */
    private PacketSocket packetSocket;
    /** Guarded by this. */
    /** Every instance's VIPs ({@link #instanceAddresses}): never an advert's default source. */
    private Set<InetAddress> instanceAddresses = Set.of();
    private final Map<String, RawIpv4Socket> ipv4Senders = new HashMap<>();
    /** Guarded by this. */
    private final Map<String, RawIpv6Socket> ipv6Senders = new HashMap<>();

    private final Supplier<ScriptExecutor> scripts;

    /** Creates the factory; no socket is opened yet. */
    public LinuxVrrpIo() {
        this(ProcessScriptExecutor::new);
    }

    /**
     * Creates the factory with the {@code vrrp_script} runner {@code scripts} makes (the daemon
     * wraps a {@link ProcessScriptExecutor} to count runs); no socket is opened yet.
     */
    public LinuxVrrpIo(Supplier<ScriptExecutor> scripts) {
        this.scripts = Objects.requireNonNull(scripts, "scripts");
    }

    @Override
    public ScriptExecutor scriptExecutor() {
        return scripts.get();
    }

    @Override
    public synchronized void addVirtualMac(VrrpInstanceSettings instance) throws NativeException {
        vmacs.add(instance, rtnetlink());
    }

    @Override
    public synchronized void removeVirtualMac(VrrpInstanceSettings instance) {
        vmacs.remove(instance);
    }

    @Override
    public synchronized OptionalInt virtualMacIndex(String interfaceName) {
        return vmacs.index(interfaceName);
    }

    @Override
    public synchronized void remakeVirtualMac(String interfaceName) throws NativeException {
        vmacs.remake(interfaceName, rtnetlink());
    }

    @Override
    public synchronized List<String> lostVirtualMacs(String baseName) {
        return vmacs.lostOn(baseName);
    }

    @Override
    public synchronized void instanceAddresses(Set<InetAddress> addresses) {
        instanceAddresses = Set.copyOf(addresses);
    }

    /** The send sockets bound to the deleted interface are closed. */
    @Override
    public synchronized void linkGone(String interfaceName, int index) {
        String key = interfaceName + "#" + index;
        Optional.ofNullable(ipv4Senders.remove(key)).ifPresent(RawIpv4Socket::close);
        Optional.ofNullable(ipv6Senders.remove(key)).ifPresent(RawIpv6Socket::close);
    }

    /**
     * Adverts leave by {@link VrrpInstanceSettings#advertInterface()} (the VMAC with
     * {@code use_vmac}); the default IPv4 source is still the base interface's primary address,
     * the IPv6 one its link-local address (which a VMAC carries too), as in keepalived.
     */
    @Override
    public synchronized AdvertSender advertSender(VrrpInstanceSettings instance) throws NativeException {
        String name = instance.advertInterface();
        int index = Interfaces.index(name);
        int baseIndex = Interfaces.index(instance.interfaceName());
        if (instance.family() == AddressFamily.IPV4) {
            Optional<InetAddress> configured = instance.unicastSource().or(instance::multicastSource);
            Inet4Address source = configured.isPresent() ? (Inet4Address) configured.get()
                    : primaryIpv4(instance, baseIndex);
            List<Inet4Address> destinations = instance.unicast()
                    ? instance.unicastPeers().stream().map(p -> (Inet4Address) p.address()).toList()
                    : List.of((Inet4Address) instance.multicastDestination());
            // keepalived: unicast_ttl applies to unicast adverts only; multicast ones keep 255.
            int ttl = instance.unicast() ? instance.options().unicastTtl() : VrrpWire.REQUIRED_TTL;
            return new Ipv4AdvertSender(ipv4Sender(name, index), source, destinations, ttl,
                    instance.options().v3ChecksumAsV2());
        }
        Optional<Inet6Address> own = linkLocal(index);
        Optional<Inet6Address> linkLocal = own.isPresent() ? own : linkLocal(baseIndex);
        Inet6Address source = (Inet6Address) instance.unicastSource().or(instance::multicastSource)
                .or(() -> linkLocal.map(InetAddress.class::cast)).orElseThrow(() -> noAddress(name, "link-local IPv6"));
        List<Inet6Address> destinations = instance.unicast()
                ? instance.unicastPeers().stream().map(UnicastPeer::address).map(a -> (Inet6Address) a).toList()
                : List.of((Inet6Address) instance.multicastDestination());
        RawIpv6Socket socket = ipv6Sender(name, index);
        if (instance.unicast()) {
            // The send socket is shared per interface: the last unicast instance's unicast_ttl wins.
            socket.setUnicastHops(instance.options().unicastTtl());
        }
        return new Ipv6AdvertSender(socket, source, destinations, index);
    }

    /** VIPs without a {@code dev} (or with the base interface's) go to the VMAC with {@code use_vmac}. */
    @Override
    public synchronized VipApplier vipApplier(VrrpInstanceSettings instance) throws NativeException {
        Map<String, Integer> indexes = new HashMap<>();
        for (String device : instance.devices()) {
            indexes.put(device, Interfaces.index(device));
        }
        indexes.put(instance.interfaceName(), Interfaces.index(instance.vipInterface()));
        return new RtNetlinkVipApplier(rtnetlink(), instance.interfaceName(), indexes);
    }

    /** GARPs / NAs leave by each VIP's device, from its MAC (the virtual MAC on a VMAC). */
    @Override
    public synchronized GratuitousAnnouncer announcer(VrrpInstanceSettings instance) throws NativeException {
        Map<String, PacketSocketAnnouncer.Device> devices = new HashMap<>();
        for (String device : instance.devices()) {
            devices.put(device, announceDevice(device));
        }
        devices.put(instance.interfaceName(), announceDevice(instance.vipInterface()));
        if (packetSocket == null) {
            packetSocket = PacketSocket.open();
        }
        return new PacketSocketAnnouncer(packetSocket, instance.interfaceName(), devices);
    }

    private PacketSocketAnnouncer.Device announceDevice(String device) throws NativeException {
        Link link = rtnetlink().link(device).orElseThrow(() -> new NativeException("link " + device,
                Errno.ENODEV.code(), null));
        MacAddress mac = link.mac().orElse(MacAddress.ZERO);
        return new PacketSocketAnnouncer.Device(link.index(), mac, linkLocal(link.index()));
    }

    @Override
    public synchronized PacketReceiver receiver(String interfaceName, AddressFamily family) throws NativeException {
        Set<InetAddress> iana = Set.of(family == AddressFamily.IPV4 ? VrrpWire.IPV4_GROUP : VrrpWire.IPV6_GROUP);
        return receiver(interfaceName, family, iana);
    }

    @Override
    public synchronized PacketReceiver receiver(String interfaceName, AddressFamily family, Set<InetAddress> groups)
            throws NativeException {
        int index = Interfaces.index(interfaceName);
        return family == AddressFamily.IPV4
                ? RawSocketReceiver.ipv4(interfaceName, index, VrrpWire.PROTOCOL, groups)
                : RawSocketReceiver.ipv6(interfaceName, index, groups);
    }

    @Override
    public synchronized PacketReceiver ipsecAhReceiver(String interfaceName) throws NativeException {
        return ipsecAhReceiver(interfaceName, Set.of(VrrpWire.IPV4_GROUP));
    }

    @Override
    public synchronized PacketReceiver ipsecAhReceiver(String interfaceName, Set<InetAddress> groups)
            throws NativeException {
        return RawSocketReceiver.ipv4(interfaceName, Interfaces.index(interfaceName), VrrpWire.PROTOCOL_AH, groups);
    }

    @Override
    public synchronized LinkMonitor linkMonitor(LinkMonitor.Listener listener) throws NativeException {
        return RtLinkMonitor.start(rtnetlink(), listener);
    }

    @Override
    public synchronized void close() {
        ipv4Senders.values().forEach(RawIpv4Socket::close);
        ipv4Senders.clear();
        ipv6Senders.values().forEach(RawIpv6Socket::close);
        ipv6Senders.clear();
        if (packetSocket != null) {
            packetSocket.close();
            packetSocket = null;
        }
        vmacs.close();
        if (rtnetlink != null) {
            rtnetlink.close();
            rtnetlink = null;
        }
    }

    private RtNetlink rtnetlink() throws NativeException {
        if (rtnetlink == null) {
            rtnetlink = RtNetlink.open();
        }
        return rtnetlink;
    }

    /**
     * The shared send socket of an interface, by name and index: a VMAC made again under the
     * same name gets a socket of its own (the old one is bound to the gone interface).
     */
    private RawIpv4Socket ipv4Sender(String name, int index) throws NativeException {
        String key = name + "#" + index;
        RawIpv4Socket socket = ipv4Senders.get(key);
        if (socket == null) {
            socket = RawIpv4Socket.open(VrrpWire.PROTOCOL);
            try {
                socket.bindToDevice(name);
                socket.setMulticastInterface(index);
                socket.setHeaderIncluded(true);
            } catch (NativeException | RuntimeException e) {
                socket.close();
                throw e;
            }
            ipv4Senders.put(key, socket);
        }
        return socket;
    }

    private RawIpv6Socket ipv6Sender(String name, int index) throws NativeException {
        String key = name + "#" + index;
        RawIpv6Socket socket = ipv6Senders.get(key);
        if (socket == null) {
            socket = RawIpv6Socket.open(VrrpWire.PROTOCOL);
            try {
                socket.bindToDevice(name);
                socket.setMulticastInterface(index);
                socket.setChecksumOffset(VrrpWire.CHECKSUM_OFFSET);
            } catch (NativeException | RuntimeException e) {
                socket.close();
                throw e;
            }
            ipv6Senders.put(key, socket);
        }
        return socket;
    }

    /**
     * keepalived: the interface's primary IPv4 address, i.e. the first one that is not a
     * secondary; the VIPs of every instance are skipped (another master's, or ours left
     * behind by a previous run), and when a VIP holds the primary place the first other
     * address stands in (keepalived ignores its own addresses when it picks one).
     */
    private Inet4Address primaryIpv4(VrrpInstanceSettings instance, int index) throws NativeException {
        Set<InetAddress> vips = new LinkedHashSet<>(instanceAddresses);
        instance.addresses().forEach(v -> vips.add(v.address()));
        Inet4Address secondary = null;
        for (InterfaceAddress address : rtnetlink().addresses(index)) {
            if (address.address() instanceof Inet4Address v4 && !vips.contains(v4)) {
                if (!address.flags().contains(AddressFlag.SECONDARY)) {
                    return v4;
                }
                secondary = secondary == null ? v4 : secondary;
            }
        }
        if (secondary != null) {
            // Secondary only because a VIP in its subnet came first: still the interface's own.
            return secondary;
        }
        throw noAddress(instance.interfaceName(), "IPv4");
    }

    private Optional<Inet6Address> linkLocal(int index) throws NativeException {
        for (InterfaceAddress address : rtnetlink().addresses(index)) {
            if (address.address() instanceof Inet6Address v6 && v6.isLinkLocalAddress()
                    && !address.flags().contains(AddressFlag.TENTATIVE)) {
                return Optional.of(v6);
            }
        }
        return Optional.empty();
    }

    private static NativeException noAddress(String interfaceName, String what) {
        return new NativeException("find the " + what + " source address of " + interfaceName,
                Errno.EADDRNOTAVAIL.code(), (Capability) null, "no usable " + what + " address on " + interfaceName);
    }
}
