package dev.vigil.vrrp.runtime;

import dev.vigil.linux.NativeException;
import dev.vigil.vrrp.codec.AddressFamily;
import java.net.InetAddress;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The runtime's only way to the operating system: a factory of the small seams it drives.
 * {@link LinuxVrrpIo} is the real one (raw sockets, rtnetlink, packet sockets, all in the
 * network namespace of the thread that calls {@link VrrpRuntime#start()}); tests pass fakes.
 * The runtime calls these factory methods from {@link VrrpRuntime#start()} and
 * {@link #close()} from {@link VrrpRuntime#stop()}.
 */
public interface VrrpIo extends AutoCloseable {

    /** The sender for one instance (its source address is resolved here). */
    AdvertSender advertSender(VrrpInstanceSettings instance) throws NativeException;

    /** The VIP applier for one instance. */
    VipApplier vipApplier(VrrpInstanceSettings instance) throws NativeException;

    /** The gratuitous ARP / NA announcer for one instance. */
    GratuitousAnnouncer announcer(VrrpInstanceSettings instance) throws NativeException;

    /** A receiver for VRRP on one interface and family (joined to the IANA group). */
    PacketReceiver receiver(String interfaceName, AddressFamily family) throws NativeException;

    /**
     * A receiver for IPv4 protocol 51 (IPsec AH) on one interface, joined to the VRRP group:
     * where keepalived's {@code auth_type AH} adverts arrive (a protocol 112 socket never sees
     * them).
     */
    PacketReceiver ipsecAhReceiver(String interfaceName) throws NativeException;

    /**
     * {@link #ipsecAhReceiver(String)} joined to {@code groups} (custom multicast groups); by
     * default the VRRP group only, for fakes that need no groups.
     */
    default PacketReceiver ipsecAhReceiver(String interfaceName, Set<InetAddress> groups) throws NativeException {
        return ipsecAhReceiver(interfaceName);
    }

    /**
     * A receiver for VRRP on one interface and family joined to {@code groups} (the IANA group
     * and every {@code mcast_dst_ip} / {@code vrrp_mcast_group4|6} of the instances on it). By
     * default {@link #receiver(String, AddressFamily)}, for fakes that need no groups.
     */
    default PacketReceiver receiver(String interfaceName, AddressFamily family, Set<InetAddress> groups)
            throws NativeException {
        return receiver(interfaceName, family);
    }

    /**
     * Creates the instance's {@code use_vmac} interface (or adopts a matching one), before any
     * other seam of the instance is made; nothing for an instance without one. Instances that
     * name the same VMAC share it.
     */
    default void addVirtualMac(VrrpInstanceSettings instance) throws NativeException {
    }

    /**
     * The instance no longer runs (removed by a reload): its VMAC is deleted once no other
     * instance uses it. {@link #close()} deletes the remaining ones.
     */
    default void removeVirtualMac(VrrpInstanceSettings instance) {
    }

    /** The index of the VMAC of this name that instances use now; empty when there is none. */
    default OptionalInt virtualMacIndex(String interfaceName) {
        return OptionalInt.empty();
    }

    /**
     * The VMAC {@code interfaceName} (at {@link #virtualMacIndex}, or one of
     * {@link #lostVirtualMacs}) was deleted by someone else: it is made again with the same
     * settings (keepalived's {@code recreate_vmac_thread}). The seams and sockets of the
     * instances on it must then be made again, as they name the old index. When it cannot be
     * made (its base interface is gone too), it is lost until its base interface is back.
     */
    default void remakeVirtualMac(String interfaceName) throws NativeException {
        throw new UnsupportedOperationException("this VrrpIo makes no VMAC interfaces");
    }

    /** The VMACs lost with their base interface {@code baseName}, to make again once it is back. */
    default List<String> lostVirtualMacs(String baseName) {
        return List.of();
    }

    /** Interface {@code index} named {@code interfaceName} was deleted: what is bound to it goes. */
    default void linkGone(String interfaceName, int index) {
    }

    /** Starts watching links; {@code listener} is called from the monitor's thread. */
    LinkMonitor linkMonitor(LinkMonitor.Listener listener) throws NativeException;

    /**
     * The addresses every instance may hold (VIPs and excluded VIPs), at start and around each
     * reload: never taken as an interface's own address for an advert's source, as keepalived
     * ignores addresses that are its own. By default nothing is done with them.
     */
    default void instanceAddresses(Set<InetAddress> addresses) {
    }

    /**
     * Runs the {@code vrrp_script}s; called once from {@link VrrpRuntime#start()}, closed by
     * {@link VrrpRuntime#stop()}. By default a {@link ProcessScriptExecutor}.
     */
    default ScriptExecutor scriptExecutor() {
        return new ProcessScriptExecutor();
    }

    /**
     * Reads and watches the {@code track_file}s; called once from {@link VrrpRuntime#start()},
     * closed by {@link VrrpRuntime#stop()}. By default a {@link PollingFileWatcher}.
     */
    default FileWatcher fileWatcher() {
        return new PollingFileWatcher();
    }

    /**
     * Releases what the factory holds (shared sockets, the VMAC interfaces it created); the
     * seams it made are unusable after.
     */
    @Override
    void close();
}
