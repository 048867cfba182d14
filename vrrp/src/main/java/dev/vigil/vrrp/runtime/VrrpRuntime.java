package dev.vigil.vrrp.runtime;

import dev.vigil.common.time.Ticker;
import dev.vigil.linux.NativeException;
import dev.vigil.linux.rtnetlink.DeletedRoute;
import dev.vigil.linux.rtnetlink.DeletedRule;
import dev.vigil.vrrp.codec.DecodeOptions;
import dev.vigil.vrrp.codec.RejectReason;
import dev.vigil.vrrp.fsm.VrrpState;
import dev.vigil.vrrp.runtime.PacketDispatcher.SocketKey;
import dev.vigil.vrrp.track.ScriptStatus;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a set of VRRP instances: the public face of the runtime.
 *
 * <p>Threads (DESIGN.md, Threading): one event loop runs every instance (state machine,
 * timers, effects); one receive thread per raw socket (interface and family) decodes packets
 * and hands them to the loop; the link monitor's thread hands link changes to the loop. All
 * I/O goes through the {@link VrrpIo} seams.
 *
 * <p>Lifecycle: {@link #start()} once, then {@link #stop()} once; misuse throws
 * {@link IllegalStateException}. {@link #start()} creates every socket on the calling thread,
 * so with {@link LinuxVrrpIo} the runtime lives in the network namespace of the thread that
 * starts it (its threads inherit it). {@link #reconfigure} (a reload) may be called any number
 * of times in between; it runs on the event loop, whose thread shares that namespace.
 * {@link #snapshot()} may be called at any time from any thread except a listener's.
 */
public final class VrrpRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(VrrpRuntime.class);
    /** How long {@link #stop()} waits for the resignations and {@link #snapshot()} for the loop. */
    private static final long LOOP_WAIT_SECONDS = 10;

    private final List<VrrpInstanceSettings> instances;
    private final RuntimeDefinitions definitions;
    private final TrackingPlan plan;
    private final VrrpIo io;
    private final VrrpEventListener listener;
    private final Ticker ticker;
    /** Guarded by this. */
    private Phase phase = Phase.NEW;
    /** Set by start; read by the loop and snapshot. */
    private volatile Running running;
    /** The instances as stop() left them; null until then. */
    private volatile Snapshots finalState;

    private enum Phase { NEW, RUNNING, STOPPED }

    /** What {@link #snapshot()} and {@link #unattributedRejects()} report after stop. */
    private record Snapshots(List<InstanceSnapshot> instances, Map<RejectReason, Long> unattributed) {
    }

    /** What {@link #start()} built; the instances that run now are in {@code live} (loop-confined). */
    private record Running(EventLoop loop, LiveSet live) {
    }

    /**
     * @param instances the instances; names must be unique, and so must (interface, family,
     *                  VRID) unless the instances use disjoint unicast peers
     * @param io        the seams to the operating system
     * @param listener  receives events on the loop thread
     */
    public VrrpRuntime(List<VrrpInstanceSettings> instances, VrrpIo io, VrrpEventListener listener) {
        this(instances, RuntimeDefinitions.NONE, io, listener, Ticker.system());
    }

    /**
     * @param instances   as for {@link #VrrpRuntime(List, VrrpIo, VrrpEventListener)}
     * @param definitions the scripts and files the instances' trackers name, and the sync groups
     * @throws IllegalArgumentException for a tracker naming an undefined script or file, a sync
     *                                  group naming an unknown instance, or an instance in two groups
     */
    public VrrpRuntime(List<VrrpInstanceSettings> instances, RuntimeDefinitions definitions, VrrpIo io,
                       VrrpEventListener listener) {
        this(instances, definitions, io, listener, Ticker.system());
    }

    VrrpRuntime(List<VrrpInstanceSettings> instances, VrrpIo io, VrrpEventListener listener, Ticker ticker) {
        this(instances, RuntimeDefinitions.NONE, io, listener, ticker);
    }

    VrrpRuntime(List<VrrpInstanceSettings> instances, RuntimeDefinitions definitions, VrrpIo io,
                VrrpEventListener listener, Ticker ticker) {
        this.instances = List.copyOf(instances);
        this.definitions = Objects.requireNonNull(definitions, "definitions");
        this.io = Objects.requireNonNull(io, "io");
        this.listener = new GuardedListener(Objects.requireNonNull(listener, "listener"));
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        requireUniqueNames(this.instances);
        this.plan = new TrackingPlan(this.instances, definitions);
    }

    /**
     * Opens the sockets (on the calling thread), starts the threads and starts every instance
     * as BACKUP (an owner with {@code state MASTER} as MASTER; an instance whose interface is
     * down as FAULT). On failure everything opened so far is closed again.
     */
    public synchronized void start() throws NativeException {
        if (phase != Phase.NEW) {
            throw new IllegalStateException("start() may be called once; runtime is " + phase);
        }
        EventLoop loop = new EventLoop("vrrp-loop", ticker);
        List<ReceiveThread> receivers = new ArrayList<>();
        LinkMonitor links = null;
        TrackerMonitor trackers = null;
        try {
            trackers = new TrackerMonitor(definitions, plan.allTrackers(), io.scriptExecutor(), io.fileWatcher(), loop,
                    loop);
            LiveSet live = new LiveSet(loop, io, listener, new PacketDispatcher(List.of(), listener), trackers,
                    instances, definitions, plan);
            io.instanceAddresses(LiveSet.addressesOf(instances));
            drivers(live, trackers.initialScriptStatus());
            live.dispatcher.drivers(live.driverList());
            links = io.linkMonitor(new LinkMonitor.Listener() {
                @Override
                public void linkChanged(String interfaceName, boolean up) {
                    loop.execute(() -> live.linkChanged(interfaceName, up));
                }

                @Override
                public void linkRemoved(String interfaceName, int index) {
                    loop.execute(() -> live.linkRemoved(interfaceName, index));
                }

                @Override
                public void addressRemoved(InetAddress address) {
                    loop.execute(() -> live.addressRemoved(address));
                }

                @Override
                public void addressAdded(InetAddress address) {
                    loop.execute(() -> live.addressAdded(address));
                }

                @Override
                public void addressNotificationsLost() {
                    loop.execute(live::addressNotificationsLost);
                }

                @Override
                public void routeRemoved(DeletedRoute route) {
                    loop.execute(() -> live.routeRemoved(route));
                }

                @Override
                public void ruleRemoved(DeletedRule rule) {
                    loop.execute(() -> live.ruleRemoved(rule));
                }
            });
            live.links = links;
            live.watchRoutingOfInstances();
            Map<String, Boolean> linkUp = linkStates(links);
            live.linkUp.putAll(linkUp);
            trackers.prepareFiles();
            Map<SocketKey, Set<InetAddress>> groups = LiveSet.groups(instances);
            for (Map.Entry<SocketKey, DecodeOptions> socket : LiveSet.sockets(instances).entrySet()) {
                SocketKey key = socket.getKey();
                ReceiveThread receiver = new ReceiveThread(key, ReceiveThread.open(io, key, groups.get(key)),
                        socket.getValue(), loop, d -> live.dispatcher.dispatch(d.socket(), d.result(), d.vrid()));
                receivers.add(receiver);
                live.receivers.put(key, new LiveSet.Receiver(receiver, socket.getValue(), groups.get(key)));
            }
            TrackerMonitor monitor = trackers;
            running = new Running(loop, live);
            loop.start();
            receivers.forEach(ReceiveThread::start);
            loop.execute(() -> {
                startInstances(live.driverList(), monitor, linkUp);
                // An address added between the drivers' making and the link monitor's start went unreported.
                live.renewMissingSources();
            });
            monitor.watchFiles();
            phase = Phase.RUNNING;
            LOG.info("VRRP runtime started with {} instance(s)", instances.size());
        } catch (NativeException | RuntimeException e) {
            abandon(loop, receivers, links, trackers);
            phase = Phase.STOPPED;
            throw e;
        }
    }

    /** One driver per instance; the members of each sync group joined to its group driver. */
    private void drivers(LiveSet live, Map<String, ScriptStatus> scripts) throws NativeException {
        for (VrrpInstanceSettings settings : instances) {
            io.addVirtualMac(settings);
            InstanceDriver driver = new InstanceDriver(settings, plan.trackingOf(settings.name()), scripts,
                    AddresslessSender.senderFor(io, settings), io.vipApplier(settings), io.announcer(settings),
                    live.loop, listener);
            live.drivers.put(settings.name(), driver);
        }
        for (SyncGroupSettings group : definitions.syncGroups()) {
            live.groups.put(group.name(), new SyncGroupDriver(group.name(),
                    group.members().stream().map(live.drivers::get).toList(), live.loop, listener));
        }
    }

    /**
     * Every interface an instance uses or tracks. An instance's own interface must exist; a
     * tracked one that cannot be looked up counts as down (keepalived: a missing tracked
     * interface is down).
     */
    private Map<String, Boolean> linkStates(LinkMonitor links) throws NativeException {
        Map<String, Boolean> up = new HashMap<>();
        for (VrrpInstanceSettings settings : instances) {
            up.put(settings.interfaceName(), links.isUp(settings.interfaceName()));
        }
        for (String name : plan.interfaces()) {
            if (!up.containsKey(name)) {
                try {
                    up.put(name, links.isUp(name));
                } catch (NativeException e) {
                    LOG.warn("tracked interface {} cannot be looked up ({}); counting it as down", name,
                            e.getMessage());
                    up.put(name, false);
                }
            }
        }
        return up;
    }

    /** On the loop: first observations, then Startup, then the first script runs. */
    private static void startInstances(List<InstanceDriver> drivers, TrackerMonitor trackers,
                                       Map<String, Boolean> linkUp) {
        trackers.attach(drivers);
        for (InstanceDriver driver : drivers) {
            String own = driver.settings().interfaceName();
            linkUp.forEach((name, up) -> {
                if (!name.equals(own)) {
                    driver.interfaceChanged(name, up);
                }
            });
            driver.start(linkUp.get(own));
        }
        trackers.startScripts();
    }

    /** {@link #stop(VipsOnStop)} releasing the VIPs. */
    public void stop() {
        stop(VipsOnStop.RELEASE);
    }

    /**
     * Resigns every master (an advert with priority 0, RFC 5798 §6.4.3), removes its VIPs
     * unless told to keep them, stops the threads and closes the sockets. Returns when all of
     * that is done. Must not be called from a listener. A second call does nothing.
     */
    public synchronized void stop(VipsOnStop vips) {
        Objects.requireNonNull(vips, "vips");
        if (phase != Phase.RUNNING) {
            phase = Phase.STOPPED;
            return;
        }
        Running r = running;
        if (r.loop().inLoop()) {
            throw new IllegalStateException("stop() must not be called from the event loop");
        }
        phase = Phase.STOPPED;
        LiveSet live = r.live();
        try {
            finalState = onLoop(r, () -> {
                live.trackers.stop();
                live.driverList().forEach(d -> d.shutdown(vips == VipsOnStop.KEEP));
                return new Snapshots(live.driverList().stream().map(InstanceDriver::snapshot).toList(),
                        live.dispatcher.unattributedRejects());
            });
        } catch (RuntimeException e) {
            LOG.warn("VRRP instances did not shut down cleanly", e);
        }
        // Read after the loop's last task (or its timeout); reconfigure, the only writer besides
        // the loop's start, holds this runtime's lock as stop does.
        abandon(r.loop(), live.receiveThreads(), live.links, live.trackers);
        LOG.info("VRRP runtime stopped");
    }

    /**
     * A reload: runs {@code newInstances} with {@code newDefinitions} from now on, changing only
     * what differs ({@link InstanceDiff}, {@link RuntimeReload}): kept instances keep their
     * state, timers, counters and unchanged VIPs; removed ones resign like at stop and are
     * reported with {@link dev.vigil.vrrp.fsm.TransitionReason#DELETED}; added ones start as at
     * startup. Blocks until applied on the event loop. Must not be called from a listener.
     *
     * @throws IllegalArgumentException for duplicate names or definitions the instances cannot use;
     *                                  nothing changed
     * @throws NativeException          when a socket or seam for the new instances cannot be made;
     *                                  nothing changed
     * @throws IllegalStateException    when the runtime is not running
     */
    public synchronized Reconfiguration reconfigure(List<VrrpInstanceSettings> newInstances,
                                                    RuntimeDefinitions newDefinitions) throws NativeException {
        if (phase != Phase.RUNNING) {
            throw new IllegalStateException("reconfigure() needs a running runtime; runtime is " + phase);
        }
        List<VrrpInstanceSettings> next = List.copyOf(newInstances);
        Objects.requireNonNull(newDefinitions, "newDefinitions");
        requireUniqueNames(next);
        Running r = running;
        if (r.loop().inLoop()) {
            throw new IllegalStateException("reconfigure() must not be called from the event loop");
        }
        RuntimeReload reload = new RuntimeReload(r.live());
        CompletableFuture<Reconfiguration> done = new CompletableFuture<>();
        r.loop().execute(() -> {
            try {
                done.complete(reload.apply(next, newDefinitions));
            } catch (NativeException | RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        try {
            return done.get(LOOP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the VRRP event loop", e);
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case NativeException n -> throw n;
                case RuntimeException x -> throw x;
                default -> throw new IllegalStateException("VRRP reload failed", e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("the VRRP event loop did not answer within " + LOOP_WAIT_SECONDS + " s", e);
        }
    }

    private static void requireUniqueNames(List<VrrpInstanceSettings> instances) {
        Set<String> names = new HashSet<>();
        for (VrrpInstanceSettings instance : instances) {
            if (!names.add(instance.name())) {
                throw new IllegalArgumentException("duplicate instance name " + instance.name());
            }
        }
    }

    /**
     * Gives an instance a new total priority (its base priority plus or minus tracker weights),
     * as trackers do in keepalived ({@code vrrp_set_effective_priority}): clamped to 1..254,
     * ignored for an address owner; a backup's down timer moves with its skew. Returns at once;
     * the change is applied on the event loop. For instances whose trackers are given in their
     * settings the runtime does this itself; a value set here lasts until a tracker changes.
     *
     * @throws IllegalArgumentException for an unknown instance name
     */
    public void setTotalPriority(String instanceName, int totalPriority) {
        Running r = requireStarted();
        InstanceDriver driver = onLoop(r, () -> r.live().drivers.get(instanceName));
        if (driver == null) {
            throw new IllegalArgumentException("no instance named " + instanceName);
        }
        r.loop().execute(() -> driver.priorityChanged(totalPriority));
    }

    /**
     * Each instance's state, priority and counters, in the current configuration's order; after
     * {@link #stop()}, as stop left them.
     */
    public List<InstanceSnapshot> snapshot() {
        Snapshots last = finalState;
        if (last != null) {
            return last.instances();
        }
        Running r = requireStarted();
        return onLoop(r, () -> r.live().driverList().stream().map(InstanceDriver::snapshot).toList());
    }

    /**
     * Each sync group's state, in the current configuration's order; empty after
     * {@link #stop()}.
     */
    public Map<String, VrrpState> syncGroupStates() {
        if (finalState != null) {
            return Map.of();
        }
        Running r = requireStarted();
        return onLoop(r, () -> {
            Map<String, VrrpState> states = new LinkedHashMap<>();
            r.live().groups.values().forEach(g -> states.put(g.name(), g.state()));
            return Collections.unmodifiableMap(states);
        });
    }

    /** Refused packets whose VRID byte named no instance (or that were too short to have one). */
    public Map<RejectReason, Long> unattributedRejects() {
        Snapshots last = finalState;
        if (last != null) {
            return last.unattributed();
        }
        Running r = requireStarted();
        return onLoop(r, () -> r.live().dispatcher.unattributedRejects());
    }

    private Running requireStarted() {
        Running r = running;
        if (r == null) {
            throw new IllegalStateException("the runtime has not been started");
        }
        return r;
    }

    /** Runs {@code task} on the loop and waits for its result (inline when already on it). */
    private static <T> T onLoop(Running r, Supplier<T> task) {
        if (r.loop().inLoop()) {
            return task.get();
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        r.loop().execute(() -> {
            try {
                result.complete(task.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get(LOOP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the VRRP event loop", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("VRRP event-loop task failed", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the VRRP event loop did not answer within " + LOOP_WAIT_SECONDS + " s", e);
        }
    }

    private void abandon(EventLoop loop, List<ReceiveThread> receivers, LinkMonitor links, TrackerMonitor trackers) {
        if (links != null) {
            links.close();
        }
        if (trackers != null) {
            trackers.close();
        }
        for (ReceiveThread receiver : receivers) {
            try {
                receiver.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            loop.shutdown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        io.close();
    }
}
