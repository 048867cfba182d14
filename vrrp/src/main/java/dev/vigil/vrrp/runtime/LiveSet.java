package dev.vigil.vrrp.runtime;

import dev.vigil.linux.NativeException;
import dev.vigil.linux.rtnetlink.DeletedRoute;
import dev.vigil.linux.rtnetlink.DeletedRule;
import dev.vigil.vrrp.codec.AddressFamily;
import dev.vigil.vrrp.codec.DecodeOptions;
import dev.vigil.vrrp.codec.VrrpWire;
import java.net.InetAddress;
import java.util.LinkedHashSet;
import java.util.Set;
import dev.vigil.vrrp.runtime.PacketDispatcher.SocketKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a started {@link VrrpRuntime} runs now: the instances' settings and drivers, the sync
 * groups, one receive thread per socket, the last known state of every link, and the parts
 * built once at start (loop, dispatcher, tracker monitor, link monitor). A reload
 * ({@link RuntimeReload}) replaces the mutable parts.
 *
 * <p>Built on the starting thread before the loop runs; confined to the event loop after
 * that, except that {@link VrrpRuntime#stop} reads the receivers once the loop has finished.
 */
final class LiveSet {

    private static final Logger LOG = LoggerFactory.getLogger(LiveSet.class);

    final EventLoop loop;
    final VrrpIo io;
    final VrrpEventListener listener;
    final PacketDispatcher dispatcher;
    final TrackerMonitor trackers;
    /** Set once the link monitor runs (its listener needs this object). */
    LinkMonitor links;
    List<VrrpInstanceSettings> instances;
    RuntimeDefinitions definitions;
    TrackingPlan plan;
    /** By instance name, in configuration order. */
    final Map<String, InstanceDriver> drivers = new LinkedHashMap<>();
    /** By group name. */
    final Map<String, SyncGroupDriver> groups = new LinkedHashMap<>();
    final Map<SocketKey, Receiver> receivers = new LinkedHashMap<>();
    /** Every interface's last known state (up = usable). */
    final Map<String, Boolean> linkUp = new HashMap<>();

    /** A running receive thread, the decoder options and the multicast groups it was opened with. */
    record Receiver(ReceiveThread thread, DecodeOptions options, Set<InetAddress> groups) {
        Receiver {
            Objects.requireNonNull(thread, "thread");
            Objects.requireNonNull(options, "options");
            groups = Set.copyOf(groups);
        }
    }

    LiveSet(EventLoop loop, VrrpIo io, VrrpEventListener listener, PacketDispatcher dispatcher,
            TrackerMonitor trackers, List<VrrpInstanceSettings> instances, RuntimeDefinitions definitions,
            TrackingPlan plan) {
        this.loop = loop;
        this.io = io;
        this.listener = listener;
        this.dispatcher = dispatcher;
        this.trackers = trackers;
        this.instances = List.copyOf(instances);
        this.definitions = definitions;
        this.plan = plan;
    }

    /** The drivers in configuration order. */
    List<InstanceDriver> driverList() {
        return List.copyOf(drivers.values());
    }

    /**
     * A link changed (loop): remembered, and given to every instance. A report that one of our
     * VMACs is down is checked with the kernel first: when a reload made the VMAC again under
     * its name, the old interface going away and the new one being created report "down" too,
     * while the VMAC there now is up.
     */
    void linkChanged(String name, boolean up) {
        if (!up && io.virtualMacIndex(name).isPresent() && upNow(name)) {
            return;
        }
        setLink(name, up);
    }

    private boolean upNow(String name) {
        try {
            return links.isUp(name);
        } catch (NativeException e) {
            LOG.warn("cannot look up VMAC interface {}: {}; taking it as down", name, e.getMessage());
            return false;
        }
    }

    private void setLink(String name, boolean up) {
        linkUp.put(name, up);
        drivers.values().forEach(d -> d.interfaceChanged(name, up));
    }

    /**
     * An interface was deleted (loop). A VMAC we replaced ourselves (a reload that changed its
     * settings) is old news; any other interface is down. When it was one of our VMACs it is
     * made again and the instances using it get new seams and sockets on it; its coming up
     * brings them out of FAULT, as in keepalived. A failure leaves them in FAULT until a reload.
     */
    void linkRemoved(String name, int index) {
        OptionalInt ours = io.virtualMacIndex(name);
        if (ours.isPresent() && ours.getAsInt() != index) {
            return;
        }
        setLink(name, false);
        if (ours.isEmpty()) {
            return;
        }
        try {
            io.remakeVirtualMac(name);
            for (InstanceDriver driver : drivers.values()) {
                VrrpInstanceSettings s = driver.settings();
                if (s.vipInterface().equals(name)) {
                    driver.rewire(new InstanceDriver.Seams(io.advertSender(s), io.vipApplier(s), io.announcer(s)));
                }
            }
            reopenReceivers(name);
        } catch (NativeException | RuntimeException e) {
            LOG.warn("VMAC interface {} was deleted and could not be made again: {}; its instances stay in FAULT"
                    + " until a reload", name, e.getMessage());
        }
    }

    /** The receive sockets on {@code name} are opened again (the old ones name a deleted index). */
    private void reopenReceivers(String name) throws NativeException {
        for (Map.Entry<SocketKey, Receiver> entry : receivers.entrySet()) {
            SocketKey key = entry.getKey();
            if (!key.interfaceName().equals(name)) {
                continue;
            }
            Receiver old = entry.getValue();
            try {
                old.thread().close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ReceiveThread thread = new ReceiveThread(key, ReceiveThread.open(io, key, old.groups()), old.options(),
                    loop, d -> dispatcher.dispatch(d.socket(), d.result(), d.vrid()));
            entry.setValue(new Receiver(thread, old.options(), old.groups()));
            thread.start();
        }
    }

    /** The kernel reported {@code address} deleted: each master that holds it decides. */
    void addressRemoved(InetAddress address) {
        drivers.values().forEach(d -> d.addressRemoved(address));
    }

    /** Address deletions may have been lost (netlink overflow): each master checks its VIPs. */
    void addressNotificationsLost() {
        drivers.values().forEach(InstanceDriver::addressNotificationsLost);
    }

    /** The kernel reported {@code route} deleted: each master that added it decides. */
    void routeRemoved(DeletedRoute route) {
        drivers.values().forEach(d -> d.routeRemoved(route));
    }

    /** The kernel reported {@code rule} deleted: each master that added it decides. */
    void ruleRemoved(DeletedRule rule) {
        drivers.values().forEach(d -> d.ruleRemoved(rule));
    }

    /**
     * Watches route and rule deletions while some instance has tracked virtual routes or rules
     * (at start, and after each reload); a failure to subscribe is logged and changes nothing else.
     */
    void watchRoutingOfInstances() {
        boolean wanted = instances.stream().anyMatch(i -> i.routing().watchesRouting());
        try {
            links.watchRouting(wanted);
        } catch (NativeException e) {
            LOG.warn("cannot watch for deleted virtual routes and rules: {}; a master will not notice one",
                    e.getMessage());
        }
    }

    /** The receive threads, for closing at stop. */
    List<ReceiveThread> receiveThreads() {
        List<ReceiveThread> out = new ArrayList<>();
        receivers.values().forEach(r -> out.add(r.thread()));
        return out;
    }

    /**
     * The multicast groups each socket joins: the family's IANA group (unicast adverts arrive
     * on the same socket, and keepalived always listens there) and every multicast instance's
     * destination group.
     */
    static Map<SocketKey, Set<InetAddress>> groups(List<VrrpInstanceSettings> instances) {
        Map<SocketKey, Set<InetAddress>> out = new LinkedHashMap<>();
        for (VrrpInstanceSettings instance : instances) {
            Set<InetAddress> groups = out.computeIfAbsent(PacketDispatcher.keyOf(instance), k -> new LinkedHashSet<>());
            groups.add(instance.family() == AddressFamily.IPV4 ? VrrpWire.IPV4_GROUP : VrrpWire.IPV6_GROUP);
            if (!instance.unicast()) {
                groups.add(instance.multicastDestination());
            }
        }
        return out;
    }

    /**
     * keepalived checks {@code v3_checksum_as_v2} per instance; here the decoder is per socket,
     * so a socket decodes that way when any instance on it asks for it.
     */
    static Map<SocketKey, DecodeOptions> sockets(List<VrrpInstanceSettings> instances) {
        Map<SocketKey, DecodeOptions> out = new LinkedHashMap<>();
        for (VrrpInstanceSettings instance : instances) {
            SocketKey key = PacketDispatcher.keyOf(instance);
            boolean asV2 = instance.options().v3ChecksumAsV2() || out.containsKey(key) && out.get(key).v3ChecksumAsV2();
            out.put(key, DecodeOptions.DEFAULT.withV3ChecksumAsV2(asV2));
        }
        return out;
    }
}
