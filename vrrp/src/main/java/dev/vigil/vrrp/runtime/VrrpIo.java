package dev.vigil.vrrp.runtime;

import dev.vigil.linux.NativeException;
import dev.vigil.vrrp.codec.AddressFamily;

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

    /** A receiver for VRRP on one interface and family (joined to the group). */
    PacketReceiver receiver(String interfaceName, AddressFamily family) throws NativeException;

    /**
     * A receiver for IPv4 protocol 51 (IPsec AH) on one interface, joined to the VRRP group:
     * where keepalived's {@code auth_type AH} adverts arrive (a protocol 112 socket never sees
     * them).
     */
    PacketReceiver ipsecAhReceiver(String interfaceName) throws NativeException;

    /** Starts watching links; {@code listener} is called from the monitor's thread. */
    LinkMonitor linkMonitor(LinkMonitor.Listener listener) throws NativeException;

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

    /** Releases what the factory holds (shared sockets); the seams it made are unusable after. */
    @Override
    void close();
}
