package dev.vigil.vrrp.runtime;

import dev.vigil.linux.Errno;
import dev.vigil.linux.NativeException;
import dev.vigil.linux.rtnetlink.DeletedRoute;
import dev.vigil.linux.rtnetlink.DeletedRule;
import dev.vigil.vrrp.codec.AddressFamily;
import dev.vigil.vrrp.codec.DecodeOptions;
import dev.vigil.vrrp.codec.VrrpWire;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.LinkedHashSet;
import java.util.Set;
import dev.vigil.vrrp.runtime.PacketDispatcher.SocketKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
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
    /** How often an interface that came back but cannot be used yet is tried again. */
    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);

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
    /** Interfaces instances use that were deleted: used again when one of the name comes up. */
    private final Set<String> gone = new HashSet<>();
    /** Of those, the ones that came up but could not be used yet (logged once). */
    private final Set<String> stuck = new HashSet<>();
    /** Of those, the ones with a retry scheduled. */
    private final Set<String> retrying = new HashSet<>();

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
     * while the VMAC there now is up. An interface that comes up after it was deleted first
     * gets the VMACs lost with it made again and the instances' seams and sockets made again
     * on it; until that works (an interface up before its address is added, say) it counts as
     * down, and it is tried again every second.
     */
    void linkChanged(String name, boolean up) {
        if (!up && io.virtualMacIndex(name).isPresent() && upNow(name)) {
            return;
        }
        if (up && gone.contains(name) && io.virtualMacIndex(name).isEmpty() && isVmacName(name)) {
            // A lost VMAC's name, taken by some other interface: not ours to use.
            return;
        }
        if (up && !bringBack(name)) {
            if (retrying.add(name)) {
                loop.schedule(RETRY_NANOS, () -> {
                    retrying.remove(name);
                    if (upNow(name)) {
                        linkChanged(name, true);
                    }
                });
            }
            return;
        }
        setLink(name, up);
    }

    /** Whether {@code name} was deleted and its instances cannot use it again yet. */
    boolean waitsFor(String name) {
        return gone.contains(name);
    }

    private boolean isVmacName(String name) {
        return drivers.values().stream().anyMatch(d -> d.settings().vmacInterface().filter(name::equals).isPresent());
    }

    private boolean upNow(String name) {
        try {
            return links.isUp(name);
        } catch (NativeException e) {
            LOG.warn("cannot look up interface {}: {}; taking it as down", name, e.getMessage());
            return false;
        }
    }

    private void setLink(String name, boolean up) {
        linkUp.put(name, up);
        drivers.values().forEach(d -> d.interfaceChanged(name, up));
    }

    /**
     * An interface was deleted (loop). A VMAC we replaced ourselves (a reload that changed its
     * settings) is old news; any other interface is down. One of our VMACs is made again at
     * once, as keepalived does, unless its base interface is gone too; another interface an
     * instance uses is used again when one of that name comes up. Meanwhile the instances are
     * in FAULT.
     */
    void linkRemoved(String name, int index) {
        OptionalInt ours = io.virtualMacIndex(name);
        io.linkGone(name, index);
        if (ours.isPresent() && ours.getAsInt() != index) {
            return;
        }
        setLink(name, false);
        if (ours.isPresent()) {
            remake(name);
        } else if (drivers.values().stream().anyMatch(d -> uses(d.settings(), name))) {
            gone.add(name);
        }
    }

    /**
     * What was lost with {@code name} made again: the VMACs on it (one that cannot be made is
     * left down, under its own name) and the seams and sockets of the instances on it. False
     * when {@code name} itself cannot be used yet.
     */
    private boolean bringBack(String name) {
        io.lostVirtualMacs(name).forEach(this::remake);
        if (!gone.contains(name)) {
            return true;
        }
        if (!rebuild(name)) {
            return false;
        }
        gone.remove(name);
        stuck.remove(name);
        LOG.info("interface {} is back; the instances on it use it again", name);
        return true;
    }

    /**
     * Makes a deleted VMAC of ours again, and the seams and sockets on it. Until that works the
     * VMAC counts as gone (and so down): its instances stay in FAULT.
     */
    private void remake(String vmac) {
        gone.add(vmac);
        try {
            io.remakeVirtualMac(vmac);
        } catch (NativeException | RuntimeException e) {
            if (stuck.add(vmac)) {
                LOG.warn("VMAC interface {} was deleted and could not be made again: {}; it is made again when its"
                        + " base interface is back, or at a reload", vmac, e.getMessage());
            }
            return;
        }
        if (rebuild(vmac)) {
            gone.remove(vmac);
            stuck.remove(vmac);
        }
    }

    /**
     * New seams for the instances on {@code name}, and new receive sockets on it; false (logged
     * once until it works) when they cannot be made yet. An instance whose VMAC is still lost
     * is left for that VMAC's own rebuild: the VMAC holds it in FAULT meanwhile.
     */
    private boolean rebuild(String name) {
        try {
            for (InstanceDriver driver : drivers.values()) {
                VrrpInstanceSettings s = driver.settings();
                if (uses(s, name) && !waitsForItsVmac(s, name)) {
                    driver.renew(seams(s));
                }
            }
            reopenReceivers(name);
            return true;
        } catch (NativeException | RuntimeException e) {
            if (stuck.add(name)) {
                LOG.warn("interface {} is there again but the instances on it cannot use it yet: {}; tried again"
                        + " every second while it is up", name, e.getMessage());
            }
            return false;
        }
    }

    private boolean waitsForItsVmac(VrrpInstanceSettings s, String name) {
        return s.vmacInterface().filter(vmac -> !vmac.equals(name) && gone.contains(vmac)).isPresent();
    }

    /** Whether the instance sends, receives or puts VIPs on {@code name}. */
    private static boolean uses(VrrpInstanceSettings s, String name) {
        return s.vipInterface().equals(name) || s.devices().contains(name);
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

    private InstanceDriver.Seams seams(VrrpInstanceSettings s) throws NativeException {
        return new InstanceDriver.Seams(AddresslessSender.senderFor(io, s), io.vipApplier(s), io.announcer(s));
    }

    /**
     * The kernel reported {@code address} deleted: each master that holds it decides, and an
     * instance whose adverts left from it takes its interface's address now (the primary IPv4
     * one, or a link-local IPv6 one), or goes to FAULT when none is left (keepalived
     * netlink_if_address_filter).
     */
    void addressRemoved(InetAddress address) {
        drivers.values().forEach(d -> d.addressRemoved(address));
        drivers.values().stream()
                .filter(d -> d.followsInterfaceAddress() && !d.sourceMissing() && d.source().equals(address))
                .toList().forEach(this::renewSource);
    }

    /**
     * The kernel reported {@code address} added (or changed: an IPv6 address that finished
     * duplicate address detection): an instance of its family left without a source address
     * tries again. Only link-local IPv6 addresses can be an IPv6 advert's source.
     */
    void addressAdded(InetAddress address) {
        AddressFamily family = address instanceof Inet4Address ? AddressFamily.IPV4 : AddressFamily.IPV6;
        if (family == AddressFamily.IPV6 && !address.isLinkLocalAddress()) {
            return;
        }
        drivers.values().stream().filter(d -> d.settings().family() == family && d.followsInterfaceAddress()
                && d.sourceMissing()).toList().forEach(this::renewSource);
    }

    /**
     * Address notifications may have been lost (netlink overflow): each master checks its
     * VIPs, and each instance whose source is its interface's address looks at it again.
     */
    void addressNotificationsLost() {
        drivers.values().forEach(InstanceDriver::addressNotificationsLost);
        drivers.values().stream().filter(InstanceDriver::followsInterfaceAddress).toList()
                .forEach(this::renewSource);
    }

    /** Each instance without a source address looks at its interface's addresses again. */
    void renewMissingSources() {
        drivers.values().stream().filter(InstanceDriver::sourceMissing).toList().forEach(this::renewSource);
    }

    /**
     * New seams for {@code driver} from its interface's addresses as they are now; FAULT when
     * the interface has no address left to send from. An interface that is gone altogether is left to
     * {@link #linkRemoved} and its return.
     */
    private void renewSource(InstanceDriver driver) {
        VrrpInstanceSettings s = driver.settings();
        if (gone.contains(s.interfaceName())) {
            return;
        }
        try {
            driver.renew(seams(s));
        } catch (NativeException e) {
            if (!e.is(Errno.ENODEV)) {
                LOG.warn("({}) cannot look at the addresses of {}: {}", s.name(), s.interfaceName(), e.getMessage());
            }
        } catch (RuntimeException e) {
            LOG.warn("({}) cannot renew its advert source on {}: {}", s.name(), s.interfaceName(), e.toString());
        }
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

    /** The VIPs and excluded VIPs of {@code instances}. */
    static Set<InetAddress> addressesOf(List<VrrpInstanceSettings> instances) {
        Set<InetAddress> out = new HashSet<>();
        instances.forEach(i -> i.addresses().forEach(v -> out.add(v.address())));
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
