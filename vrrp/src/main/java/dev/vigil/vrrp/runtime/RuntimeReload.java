package dev.vigil.vrrp.runtime;

import dev.vigil.linux.NativeException;
import dev.vigil.vrrp.codec.DecodeOptions;
import dev.vigil.vrrp.fsm.Input;
import dev.vigil.vrrp.runtime.InstanceDriver.Observations;
import dev.vigil.vrrp.runtime.InstanceDriver.Seams;
import dev.vigil.vrrp.runtime.LiveSet.Receiver;
import dev.vigil.vrrp.runtime.PacketDispatcher.SocketKey;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a new set of instances to a running {@link LiveSet}, on the event loop, as
 * keepalived's reload does (reference §1.8, {@link InstanceDiff}), in this order:
 * <ol>
 *   <li>prepare, changing nothing: the tracking plan (validates the definitions), the seams of
 *       added instances and of kept ones whose addresses or VIP devices changed, the receive
 *       sockets of new interfaces, the state of new interfaces; any failure leaves the
 *       running set as it was;</li>
 *   <li>removed instances resign (priority 0 from a master, VIPs released) and are reported
 *       DELETED; kept ones drop their removed VIPs; then kept ones take their new settings and
 *       add their new VIPs (all removals before any addition, so a VIP moved between
 *       instances stays present);</li>
 *   <li>tracked scripts and files: unchanged ones keep running ({@link TrackerMonitor#reconfigure});</li>
 *   <li>sync groups: a group with the same name and the same member instances is kept as it
 *       is; any other is taken apart (members the group held in FAULT are released) and new
 *       groups are built and {@link SyncGroupDriver#settle settled};</li>
 *   <li>kept instances get their new trackers' inputs; added instances start as at startup;
 *       receive sockets no instance needs any more close.</li>
 * </ol>
 */
final class RuntimeReload {

    private static final Logger LOG = LoggerFactory.getLogger(RuntimeReload.class);

    private final LiveSet live;

    RuntimeReload(LiveSet live) {
        this.live = live;
    }

    /** Everything opened or computed before the running set is touched. */
    private record Prepared(TrackingPlan plan, InstanceDiff diff, Map<String, Seams> seams,
                            Map<SocketKey, Receiver> opened, Map<SocketKey, DecodeOptions> sockets,
                            Map<String, Boolean> links) {
    }

    /**
     * Runs the reload on the loop.
     *
     * @throws IllegalArgumentException for definitions the instances cannot use (nothing changed)
     * @throws NativeException          when a socket or seam cannot be made (nothing changed)
     */
    Reconfiguration apply(List<VrrpInstanceSettings> next, RuntimeDefinitions definitions) throws NativeException {
        Prepared p = prepare(next, definitions);
        InstanceDiff diff = p.diff();
        for (VrrpInstanceSettings gone : diff.removed()) {
            live.drivers.remove(gone.name()).delete();
            live.io.removeVirtualMac(gone);
        }
        for (InstanceDiff.Kept kept : diff.kept()) {
            live.drivers.get(kept.before().name()).removeDropped(kept);
        }
        TrackerMonitor.Change scripts = live.trackers.reconfigure(definitions, p.plan().allTrackers());
        Observations now = new Observations(p.links(), live.trackers.initialScriptStatus(),
                live.trackers.fileValues());
        Map<String, InstanceDriver> byName = new LinkedHashMap<>();
        Map<String, List<Input>> inputs = new HashMap<>();
        List<InstanceDriver> started = new ArrayList<>();
        for (VrrpInstanceSettings settings : next) {
            Optional<InstanceDiff.Kept> kept = diff.kept().stream().filter(k -> k.after() == settings).findFirst();
            InstanceDriver driver;
            if (kept.isPresent()) {
                driver = live.drivers.get(kept.get().before().name());
                inputs.put(settings.name(), driver.reconfigure(kept.get(), p.plan().trackingOf(settings.name()), now,
                        Optional.ofNullable(p.seams().get(settings.name()))));
            } else {
                driver = new InstanceDriver(settings, p.plan().trackingOf(settings.name()), now.scripts(),
                        p.seams().get(settings.name()), live.loop, live.listener);
                started.add(driver);
            }
            byName.put(settings.name(), driver);
        }
        live.drivers.clear();
        live.drivers.putAll(byName);
        live.instances = List.copyOf(next);
        live.io.instanceAddresses(LiveSet.addressesOf(next));
        live.definitions = definitions;
        live.plan = p.plan();
        List<String> removedGroups = new ArrayList<>();
        List<SyncGroupDriver> built = regroup(definitions, removedGroups);
        live.dispatcher.drivers(live.driverList());
        live.trackers.drivers(live.driverList());
        byName.forEach((name, driver) -> driver.applyAll(inputs.getOrDefault(name, List.of())));
        built.forEach(SyncGroupDriver::settle);
        for (InstanceDriver driver : started) {
            driver.observe(now);
            driver.start(now.links().getOrDefault(driver.settings().interfaceName(), true));
        }
        swapReceivers(p.opened(), p.sockets());
        live.watchRoutingOfInstances();
        live.trackers.startScripts(scripts.scriptsStarted());
        Reconfiguration done = new Reconfiguration(diff, scripts.scriptsKept(), scripts.scriptsStarted(),
                scripts.scriptsStopped(), scripts.filesStarted(), scripts.filesStopped(),
                built.stream().map(SyncGroupDriver::name).toList(), removedGroups);
        LOG.info("VRRP reconfigured: {} kept ({} VIP(s) added, {} removed; {} route(s)/rule(s) added, {} removed), "
                + "{} removed, {} added", diff.kept().size(), diff.vipsAdded(), diff.vipsRemoved(), diff.routingAdded(),
                diff.routingRemoved(), diff.removed().size(), diff.added().size());
        return done;
    }

    private Prepared prepare(List<VrrpInstanceSettings> next, RuntimeDefinitions definitions) throws NativeException {
        TrackingPlan plan = new TrackingPlan(next, definitions);
        InstanceDiff diff = InstanceDiff.of(live.instances, next);
        Set<InetAddress> both = LiveSet.addressesOf(live.instances);
        both.addAll(LiveSet.addressesOf(next));
        live.io.instanceAddresses(both);
        Map<SocketKey, DecodeOptions> sockets = LiveSet.sockets(next);
        Map<SocketKey, Receiver> opened = new LinkedHashMap<>();
        List<VrrpInstanceSettings> joined = new ArrayList<>();
        try {
            Map<String, Seams> seams = new HashMap<>();
            for (VrrpInstanceSettings added : diff.added()) {
                live.io.addVirtualMac(added);
                joined.add(added);
                seams.put(added.name(), seams(added));
            }
            for (InstanceDiff.Kept kept : diff.kept()) {
                if (wireChanged(kept.before(), kept.after())) {
                    seams.put(kept.after().name(), seams(kept.after()));
                }
            }
            Map<SocketKey, Set<InetAddress>> groups = LiveSet.groups(next);
            for (Map.Entry<SocketKey, DecodeOptions> socket : sockets.entrySet()) {
                SocketKey key = socket.getKey();
                Receiver running = live.receivers.get(key);
                if (running == null || !running.options().equals(socket.getValue())
                        || !running.groups().equals(groups.get(key)) || onAddedVmac(key, diff)) {
                    PacketReceiver receiver = ReceiveThread.open(live.io, key, groups.get(key));
                    opened.put(key, new Receiver(new ReceiveThread(key, receiver, socket.getValue(), live.loop,
                            d -> live.dispatcher.dispatch(d.socket(), d.result(), d.vrid())), socket.getValue(),
                            groups.get(key)));
                }
            }
            return new Prepared(plan, diff, seams, opened, sockets, links(next, plan));
        } catch (NativeException | RuntimeException e) {
            opened.values().forEach(r -> close(r.thread()));
            // Only what this reload joined or made: a failed add took nothing from the running instances.
            joined.forEach(live.io::removeVirtualMac);
            throw e;
        }
    }

    /**
     * Whether the socket's interface is the VMAC of an added instance: that VMAC may have been
     * made again (other settings under the same name), so the socket is opened again on it.
     */
    private static boolean onAddedVmac(SocketKey key, InstanceDiff diff) {
        return diff.added().stream().anyMatch(a -> a.virtualMac().isPresent()
                && a.advertInterface().equals(key.interfaceName()) && a.family() == key.family());
    }

    private Seams seams(VrrpInstanceSettings s) throws NativeException {
        return new Seams(AddresslessSender.senderFor(live.io, s), live.io.vipApplier(s), live.io.announcer(s));
    }

    /** Whether the seams must be made again: other addresses, TTL, checksum form or VIP devices. */
    static boolean wireChanged(VrrpInstanceSettings a, VrrpInstanceSettings b) {
        return !a.unicastPeers().equals(b.unicastPeers()) || !a.unicastSource().equals(b.unicastSource())
                || !a.multicastSource().equals(b.multicastSource())
                || a.options().unicastTtl() != b.options().unicastTtl()
                || a.options().v3ChecksumAsV2() != b.options().v3ChecksumAsV2()
                || !devices(a).equals(devices(b));
    }

    private static Set<String> devices(VrrpInstanceSettings s) {
        return s.addresses().stream().map(s::vipDevice).collect(Collectors.toSet());
    }

    /**
     * Every interface state the new instances need: the ones known, and the others looked up
     * (an instance's own interface must exist; a tracked one that cannot be found counts as
     * down, as at start).
     */
    private Map<String, Boolean> links(List<VrrpInstanceSettings> next, TrackingPlan plan) throws NativeException {
        Map<String, Boolean> out = new HashMap<>(live.linkUp);
        for (VrrpInstanceSettings s : next) {
            if (!out.containsKey(s.interfaceName())) {
                out.put(s.interfaceName(), live.links.isUp(s.interfaceName()));
            }
            Optional<String> vmac = s.vmacInterface().filter(n -> !live.waitsFor(n));
            if (vmac.isPresent()) {
                // Asked afresh: this reload may have made the VMAC (again), and what is known of
                // an earlier one under the name (deleted with its last instance, say) is stale.
                out.put(vmac.get(), live.links.isUp(vmac.get()));
            }
        }
        for (String name : plan.interfaces()) {
            if (!out.containsKey(name)) {
                try {
                    out.put(name, live.links.isUp(name));
                } catch (NativeException e) {
                    LOG.warn("tracked interface {} cannot be looked up ({}); counting it as down", name,
                            e.getMessage());
                    out.put(name, false);
                }
            }
        }
        live.linkUp.putAll(out);
        return out;
    }

    /**
     * Keeps each group whose name and member instances are unchanged; takes the others apart
     * and builds the new ones. Returns the groups built.
     */
    private List<SyncGroupDriver> regroup(RuntimeDefinitions definitions, List<String> removed) {
        Map<String, SyncGroupSettings> wanted = new LinkedHashMap<>();
        definitions.syncGroups().forEach(g -> wanted.put(g.name(), g));
        for (SyncGroupDriver group : List.copyOf(live.groups.values())) {
            SyncGroupSettings settings = wanted.get(group.name());
            if (settings != null && group.memberNames().equals(settings.members())
                    && group.members().equals(members(settings))) {
                continue;
            }
            live.groups.remove(group.name());
            removed.add(group.name());
            group.members().stream().filter(d -> live.drivers.containsValue(d) && d.group().orElse(null) == group)
                    .forEach(InstanceDriver::leaveGroup);
        }
        List<SyncGroupDriver> built = new ArrayList<>();
        for (SyncGroupSettings settings : wanted.values()) {
            if (!live.groups.containsKey(settings.name())) {
                SyncGroupDriver group = new SyncGroupDriver(settings.name(), members(settings), live.loop,
                        live.listener);
                live.groups.put(settings.name(), group);
                built.add(group);
            }
        }
        return built;
    }

    private List<InstanceDriver> members(SyncGroupSettings settings) {
        return settings.members().stream().map(live.drivers::get).toList();
    }

    /** Starts the sockets opened for this reload and closes those no instance uses any more. */
    private void swapReceivers(Map<SocketKey, Receiver> opened, Map<SocketKey, DecodeOptions> wanted) {
        for (SocketKey key : List.copyOf(live.receivers.keySet())) {
            if (!wanted.containsKey(key) || opened.containsKey(key)) {
                close(live.receivers.remove(key).thread());
            }
        }
        opened.forEach((key, receiver) -> {
            live.receivers.put(key, receiver);
            receiver.thread().start();
        });
    }

    private static void close(ReceiveThread thread) {
        try {
            thread.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
