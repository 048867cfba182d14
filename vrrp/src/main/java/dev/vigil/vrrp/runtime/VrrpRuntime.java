package dev.vigil.vrrp.runtime;

import dev.vigil.common.time.Ticker;
import dev.vigil.linux.NativeException;
import dev.vigil.vrrp.codec.DecodeOptions;
import dev.vigil.vrrp.codec.RejectReason;
import dev.vigil.vrrp.runtime.PacketDispatcher.SocketKey;
import dev.vigil.vrrp.track.ScriptStatus;
import java.util.ArrayList;
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
 * starts it (its threads inherit it). {@link #snapshot()} may be called at any time from any
 * thread except a listener's.
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

    /** What {@link #start()} built. */
    private record Running(EventLoop loop, List<InstanceDriver> drivers, PacketDispatcher dispatcher,
                           List<ReceiveThread> receivers, LinkMonitor links, TrackerMonitor trackers) {
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
        Set<String> names = new HashSet<>();
        for (VrrpInstanceSettings instance : this.instances) {
            if (!names.add(instance.name())) {
                throw new IllegalArgumentException("duplicate instance name " + instance.name());
            }
        }
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
            List<InstanceDriver> drivers = drivers(loop, trackers.initialScriptStatus());
            PacketDispatcher dispatcher = new PacketDispatcher(drivers, listener);
            links = io.linkMonitor((name, up) -> loop.execute(() -> drivers.forEach(d -> d.interfaceChanged(name, up))));
            Map<String, Boolean> linkUp = linkStates(links);
            trackers.prepareFiles();
            for (SocketKey key : dispatcher.sockets()) {
                receivers.add(new ReceiveThread(key, io.receiver(key.interfaceName(), key.family()),
                        decodeOptions(key), loop, d -> dispatcher.dispatch(d.socket(), d.result(), d.vrid())));
            }
            TrackerMonitor monitor = trackers;
            running = new Running(loop, List.copyOf(drivers), dispatcher, List.copyOf(receivers), links, monitor);
            loop.start();
            receivers.forEach(ReceiveThread::start);
            loop.execute(() -> startInstances(drivers, monitor, linkUp));
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
    private List<InstanceDriver> drivers(EventLoop loop, Map<String, ScriptStatus> scripts) throws NativeException {
        Map<String, InstanceDriver> byName = new LinkedHashMap<>();
        for (VrrpInstanceSettings settings : instances) {
            byName.put(settings.name(), new InstanceDriver(settings, plan.trackingOf(settings.name()), scripts,
                    io.advertSender(settings), io.vipApplier(settings), io.announcer(settings), loop, listener));
        }
        for (SyncGroupSettings group : definitions.syncGroups()) {
            new SyncGroupDriver(group.name(), group.members().stream().map(byName::get).toList(), loop, listener);
        }
        return List.copyOf(byName.values());
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

    /**
     * keepalived checks {@code v3_checksum_as_v2} per instance; here the decoder is per socket,
     * so a socket decodes that way when any instance on it asks for it.
     */
    private DecodeOptions decodeOptions(SocketKey key) {
        boolean asV2 = instances.stream().filter(i -> PacketDispatcher.keyOf(i).equals(key))
                .anyMatch(i -> i.options().v3ChecksumAsV2());
        return DecodeOptions.DEFAULT.withV3ChecksumAsV2(asV2);
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
        try {
            finalState = onLoop(r, () -> {
                r.trackers().stop();
                r.drivers().forEach(d -> d.shutdown(vips == VipsOnStop.KEEP));
                return new Snapshots(r.drivers().stream().map(InstanceDriver::snapshot).toList(),
                        r.dispatcher().unattributedRejects());
            });
        } catch (RuntimeException e) {
            LOG.warn("VRRP instances did not shut down cleanly", e);
        }
        abandon(r.loop(), r.receivers(), r.links(), r.trackers());
        LOG.info("VRRP runtime stopped");
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
        InstanceDriver driver = r.drivers().stream().filter(d -> d.settings().name().equals(instanceName))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no instance named " + instanceName));
        r.loop().execute(() -> driver.priorityChanged(totalPriority));
    }

    /**
     * Each instance's state, priority and counters, in configuration order; after
     * {@link #stop()}, as stop left them.
     */
    public List<InstanceSnapshot> snapshot() {
        Snapshots last = finalState;
        if (last != null) {
            return last.instances();
        }
        Running r = requireStarted();
        return onLoop(r, () -> r.drivers().stream().map(InstanceDriver::snapshot).toList());
    }

    /** Refused packets whose VRID byte named no instance (or that were too short to have one). */
    public Map<RejectReason, Long> unattributedRejects() {
        Snapshots last = finalState;
        if (last != null) {
            return last.unattributed();
        }
        Running r = requireStarted();
        return onLoop(r, () -> r.dispatcher().unattributedRejects());
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
