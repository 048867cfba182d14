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

    /** A link changed (loop): remembered, and given to every instance. */
    void linkChanged(String name, boolean up) {
        linkUp.put(name, up);
        drivers.values().forEach(d -> d.interfaceChanged(name, up));
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
