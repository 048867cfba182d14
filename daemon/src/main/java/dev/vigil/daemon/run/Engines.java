package dev.vigil.daemon.run;

import dev.vigil.conf.model.KeepalivedConfig;
import dev.vigil.conf.model.LvsTimeouts;
import dev.vigil.daemon.adapt.ControllerPlans;
import dev.vigil.daemon.adapt.VrrpAdapter;
import dev.vigil.daemon.alert.AlertEvent;
import dev.vigil.daemon.controller.AlertListener;
import dev.vigil.daemon.controller.ControllerStatus;
import dev.vigil.daemon.controller.HealthController;
import dev.vigil.daemon.controller.ScriptRunner;
import dev.vigil.daemon.controller.ServerDiff;
import dev.vigil.daemon.controller.VirtualServerPlan;
import dev.vigil.daemon.metrics.VigilMetrics;
import dev.vigil.healthcheck.probe.CheckTransport;
import dev.vigil.healthcheck.probe.ProbeFactory;
import dev.vigil.ipvs.IpvsBackend;
import dev.vigil.ipvs.IpvsInfo;
import dev.vigil.ipvs.VirtualTable;
import dev.vigil.linux.NativeException;
import dev.vigil.vrrp.runtime.InstanceDiff;
import dev.vigil.vrrp.runtime.InstanceSnapshot;
import dev.vigil.vrrp.runtime.LinuxVrrpIo;
import dev.vigil.vrrp.runtime.ProcessScriptExecutor;
import dev.vigil.vrrp.runtime.Reconfiguration;
import dev.vigil.daemon.adapt.StaticEntries;
import dev.vigil.vrrp.runtime.VipsOnStop;
import dev.vigil.vrrp.runtime.VrrpInstanceSettings;
import dev.vigil.vrrp.runtime.VrrpRuntime;
import java.time.Clock;
import dev.vigil.ipvs.listing.ConnectionRow;
import dev.vigil.ipvs.netlink.KernelReply;
import dev.vigil.ipvs.netlink.NetlinkIpvsBackend;
import dev.vigil.ipvs.userspace.UserspaceIpvsBackend;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's two engines and what they need: the VRRP runtime with its {@link VrrpNotifier},
 * and the health controller with its IPVS backend and checker transport. The daemon's
 * {@link DaemonView}.
 *
 * <p>Threads: started and stopped from the daemon's thread, reloaded from a control connection
 * or the signal thread ({@link #reload} and {@link #stop} exclude each other); the view methods
 * are called from control connections and the metrics endpoint. The engine fields are written
 * at start (before the control socket opens) or by a reload that starts an engine, and read
 * through volatile fields.
 */
final class Engines implements DaemonView {

    private static final Logger LOG = LoggerFactory.getLogger(Engines.class);
    /** One event loop runs every checker's I/O (DESIGN.md: a small group; one suits a director). */
    private static final int CHECKER_THREADS = 1;

    private final DaemonSettings settings;
    private final BackendFactory backends;
    private final VigilMetrics metrics;
    private volatile List<VrrpInstanceSettings> vrrpSettings = List.of();
    private volatile VrrpRuntime vrrp;
    /** static_ipaddress/_routes/_rules; guarded by this. */
    private StaticRouting statics;
    private volatile VrrpNotifier notifier;
    private volatile IpvsBackend backend;
    private volatile CheckTransport transport;
    private volatile HealthController controller;
    /** The latest configuration (start, then each reload), for engines a reload starts; under this after start. */
    private KeepalivedConfig startConfig;
    private AlertChannels alerts;
    private ScriptRunner scripts;
    private boolean noEmailFaults;
    private Clock clock;
    /** lvs_timeouts on the backend; applied at start, by every reload, restored at stop. */
    private final IpvsTimeoutSetter timeouts = new IpvsTimeoutSetter();
    /** Set by stop, under this: a reload after it changes nothing. */
    private boolean stopped;

    Engines(DaemonSettings settings, BackendFactory backends, VigilMetrics metrics) {
        this.settings = settings;
        this.backends = backends;
        this.metrics = metrics;
    }

    /** Starts the health controller when checkers run and there are virtual servers. */
    void startChecks(KeepalivedConfig config, List<VirtualServerPlan> plans, AlertChannels alerts,
                     ScriptRunner scripts) throws DaemonStartException {
        this.startConfig = config;
        this.alerts = alerts;
        this.scripts = scripts;
        if (!settings.runCheckers() || plans.isEmpty()) {
            return;
        }
        try {
            backend = backends.open(settings.backend(), config.globalDefs().netNamespaceIpvs());
        } catch (BackendUnavailableException e) {
            throw new DaemonStartException(Daemon.EXIT_SUBSYSTEM, e.getMessage(), e);
        }
        ProxyProtocolSettings.apply(config, backend);
        transport = CheckTransport.create(CHECKER_THREADS);
        AlertListener listener = (event, mail) -> {
            if (event instanceof AlertEvent.RealServerStateChanged rs) {
                metrics.checks().onHealthChange(rs.virtualServer().text(), rs.realServer().text(), rs.up());
            }
            alerts.lvs(event, mail);
        };
        FileCheckInit.apply(config, plans);
        try {
            controller = HealthController.start(plans, backend, new ProbeFactory(transport, new SplittableRandom()),
                    listener, scripts, ControllerPlans.options(config.globalDefs(), !settings.releaseIpvs()));
        } catch (IllegalArgumentException e) {
            throw new DaemonStartException(Daemon.EXIT_CONFIG, "cannot start the health checkers: " + e.getMessage(), e);
        }
    }

    /**
     * Applies {@code static_ipaddress}, {@code static_routes} and {@code static_rules} when VRRP
     * runs (keepalived's VRRP process does, before its instances start); a reload passes the new
     * set. Failures are logged, never fatal.
     */
    synchronized void applyStatic(StaticEntries entries) {
        if (!settings.runVrrp() || stopped) {
            return;
        }
        if (statics != null) {
            statics.reload(entries);
        } else {
            statics = StaticRouting.start(entries).orElse(null);
        }
    }

    /** Starts the VRRP runtime when VRRP runs and there are instances. */
    void startVrrp(VrrpAdapter.Result adapted, AlertChannels alerts, ScriptRunner scripts, boolean noEmailFaults,
                   Clock clock) throws DaemonStartException {
        this.alerts = alerts;
        this.scripts = scripts;
        this.noEmailFaults = noEmailFaults;
        this.clock = clock;
        if (!settings.runVrrp() || adapted.instances().isEmpty()) {
            return;
        }
        VrrpNotifier events = new VrrpNotifier(adapted.instances(), adapted.notifies(), adapted.groupNotifies(),
                scripts, alerts, metrics.vrrp(), noEmailFaults, clock);
        VrrpRuntime runtime;
        try {
            runtime = new VrrpRuntime(adapted.instances(), adapted.definitions(),
                    new LinuxVrrpIo(() -> new CountingScriptExecutor(new ProcessScriptExecutor(), metrics.alerts())),
                    events);
        } catch (IllegalArgumentException e) {
            throw new DaemonStartException(Daemon.EXIT_SUBSYSTEM, "cannot start VRRP: " + e.getMessage(), e);
        }
        try {
            runtime.start();
        } catch (NativeException e) {
            throw new DaemonStartException(Daemon.EXIT_SUBSYSTEM, "cannot start VRRP: " + e.getMessage(), e);
        }
        notifier = events;
        vrrpSettings = adapted.instances();
        vrrp = runtime;
        metrics.vrrp().observeSnapshots(this::vrrpSnapshots);
    }

    /**
     * A reload's {@code global_defs} for the engines, before {@link #reload}: the running
     * notifier takes {@code no_email_faults}, the running controller the stop mode
     * ({@code lvs_flush_on_stop}); an engine a later reload starts is built from this
     * configuration's {@code global_defs}.
     */
    synchronized void globals(KeepalivedConfig config) {
        startConfig = config;
        noEmailFaults = config.globalDefs().noEmailFaults();
        VrrpNotifier events = notifier;
        if (events != null) {
            events.noEmailFaults(noEmailFaults);
        }
        HealthController health = controller;
        if (health != null) {
            health.stopMode(ControllerPlans.options(config.globalDefs(), !settings.releaseIpvs()).stopMode());
        }
    }

    /**
     * {@code lvs_timeouts} ({@link IpvsTimeoutSetter}): applied when the backend runs. Called
     * after start and after each reload's {@link #reload} (so a backend that reload opened gets
     * them too); returns what was done (empty: nothing).
     */
    synchronized Optional<String> applyLvsTimeouts(Optional<LvsTimeouts> configured) {
        IpvsBackend b = backend;
        if (b == null || stopped) {
            return Optional.empty();
        }
        Optional<String> done = timeouts.apply(b, configured);
        done.ifPresent(text -> LOG.info("{}", text));
        return done;
    }

    /** Hands the configuration's {@code proxy_protocol} settings to the backend (after a reload). */
    synchronized void applyProxyProtocol(KeepalivedConfig config) {
        IpvsBackend b = backend;
        if (b != null) {
            ProxyProtocolSettings.apply(config, b);
        }
    }

    /**
     * A reload (keepalived's, reference §1.8): VRRP first ({@link VrrpRuntime#reconfigure}),
     * then the health controller ({@link HealthController#reconfigure}); an engine that did not
     * run and now has work starts as at startup. Series and mail state of removed instances and
     * real servers are dropped. {@code global_defs} are re-read by the caller first (the
     * daemon's alert channels, script security, dump files, LVS timeouts).
     *
     * @throws ReloadException when an engine refused the new configuration; what the message
     *                         names was left unchanged
     */
    synchronized ReloadSummary reload(VrrpAdapter.Result adapted, List<VirtualServerPlan> plans)
            throws ReloadException {
        if (stopped) {
            throw new ReloadException("the daemon is stopping; nothing was reloaded", null);
        }
        Optional<Reconfiguration> vrrpDone = Optional.empty();
        int vrrpStarted = 0;
        if (settings.runVrrp()) {
            if (vrrp != null) {
                vrrpDone = Optional.of(reloadVrrp(adapted));
            } else if (!adapted.instances().isEmpty()) {
                try {
                    startVrrp(adapted, alerts, scripts, noEmailFaults, clock);
                } catch (DaemonStartException e) {
                    throw new ReloadException("VRRP did not start: " + e.getMessage(), e);
                }
                vrrpStarted = adapted.instances().size();
            }
        }
        Optional<ServerDiff> checksDone = Optional.empty();
        int checksStarted = 0;
        if (settings.runCheckers()) {
            if (controller != null) {
                checksDone = Optional.of(reloadChecks(plans, vrrpDone.isPresent() || vrrpStarted > 0));
            } else if (!plans.isEmpty()) {
                try {
                    startChecks(startConfig, plans, alerts, scripts);
                } catch (DaemonStartException e) {
                    throw new ReloadException(applied(vrrpDone.isPresent() || vrrpStarted > 0)
                            + "the health checks did not start: " + e.getMessage(), e);
                }
                checksStarted = plans.size();
            }
        }
        return new ReloadSummary(vrrpDone, vrrpStarted, checksDone, checksStarted);
    }

    private Reconfiguration reloadVrrp(VrrpAdapter.Result adapted) throws ReloadException {
        Reconfiguration done;
        try {
            done = vrrp.reconfigure(adapted.instances(), adapted.definitions());
        } catch (NativeException | RuntimeException e) {
            throw new ReloadException("VRRP refused the new configuration (" + e.getMessage()
                    + "); the running configuration is unchanged", e);
        }
        notifier.update(adapted.instances(), adapted.notifies(), adapted.groupNotifies());
        if (startConfig != null && startConfig.globalDefs().fifoWriteVrrpStatesOnReload()) {
            notifier.writeStatesToFifos(vrrp.snapshot(), vrrp.syncGroupStates());
        }
        vrrpSettings = adapted.instances();
        InstanceDiff diff = done.instances();
        diff.removed().forEach(gone -> forgetInstance(gone.name()));
        diff.kept().stream().filter(k -> !k.before().name().equals(k.after().name()))
                .forEach(k -> forgetInstance(k.before().name()));
        done.groupsRemoved().forEach(notifier::forget);
        return done;
    }

    private void forgetInstance(String name) {
        metrics.vrrp().remove(name);
        notifier.forget(name);
    }

    private ServerDiff reloadChecks(List<VirtualServerPlan> plans, boolean vrrpApplied) throws ReloadException {
        ServerDiff done;
        try {
            done = controller.reconfigure(plans);
        } catch (RuntimeException e) {
            throw new ReloadException(applied(vrrpApplied) + "the health checks refused the new configuration ("
                    + e.getMessage() + ") and run unchanged", e);
        }
        for (VirtualServerPlan gone : done.removed()) {
            gone.realServers().forEach(rs -> metrics.checks().remove(gone.id().text(), rs.endpoint().text()));
        }
        for (ServerDiff.Kept kept : done.kept()) {
            kept.removed().forEach(rs -> metrics.checks().remove(kept.before().id().text(), rs.endpoint().text()));
        }
        return done;
    }

    private static String applied(boolean vrrpApplied) {
        return vrrpApplied ? "VRRP took the new configuration, but " : "";
    }

    /**
     * VRRP first (priority 0, VIPs per -V), the static addresses/routes/rules, then the
     * controller, the backend and the transport.
     */
    synchronized void stop() {
        stopped = true;
        VrrpRuntime runtime = vrrp;
        if (runtime != null) {
            notifier.shuttingDown();
            runtime.stop(settings.releaseVips() ? VipsOnStop.RELEASE : VipsOnStop.KEEP);
        }
        if (statics != null) {
            // keepalived clears static entries at exit even with --dont-release-vrrp.
            statics.close();
            statics = null;
        }
        HealthController health = controller;
        if (health != null) {
            health.stop();
        }
        if (backend != null) {
            timeouts.restore(backend).ifPresent(text -> LOG.info("{}", text));
        }
        if (backend instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("closing the IPVS backend failed: {}", e.toString());
            }
        }
        if (transport != null) {
            transport.close();
        }
    }

    @Override
    public List<VrrpInstanceSettings> vrrpSettings() {
        return vrrpSettings;
    }

    @Override
    public List<InstanceSnapshot> vrrpSnapshots() {
        VrrpRuntime runtime = vrrp;
        return runtime == null ? List.of() : runtime.snapshot();
    }

    @Override
    public Optional<Double> lastTransition(String instance) {
        VrrpNotifier events = notifier;
        return events == null ? Optional.empty() : events.lastTransition(instance);
    }

    @Override
    public ControllerStatus lvsStatus() {
        HealthController health = controller;
        return health == null ? ControllerStatus.EMPTY : health.status();
    }

    @Override
    public Optional<VirtualTable> ipvsTable() {
        HealthController health = controller;
        return health == null ? Optional.empty() : Optional.of(health.snapshot());
    }

    @Override
    public ConnectionListing ipvsConnections() {
        IpvsBackend b = backend;
        return switch (b) {
            case null -> DaemonView.super.ipvsConnections();
            case UserspaceIpvsBackend forwarder -> new ConnectionListing.Rows(forwarder.connections());
            case NetlinkIpvsBackend kernel -> switch (kernel.connections()) {
                case KernelReply.Value<List<ConnectionRow>> rows -> new ConnectionListing.Rows(rows.value());
                case KernelReply.Failed<List<ConnectionRow>> failed ->
                        new ConnectionListing.Unavailable("cannot list the kernel's connections: " + failed.detail());
            };
            default -> new ConnectionListing.Unavailable("this IPVS backend does not expose its connection table");
        };
    }

    @Override
    public TimeoutListing ipvsTimeouts() {
        IpvsBackend b = backend;
        if (b == null) {
            return DaemonView.super.ipvsTimeouts();
        }
        return switch (IpvsTimeoutSetter.read(b)) {
            case IpvsTimeoutSetter.Read.Timeouts(var t) -> new TimeoutListing.Timeouts(t.tcp(), t.tcpFin(), t.udp());
            case IpvsTimeoutSetter.Read.Failed(String why) -> new TimeoutListing.Unavailable(why);
        };
    }

    @Override
    public IpvsInfo ipvsInfo() {
        IpvsBackend b = backend;
        return b == null ? IpvsInfo.DEFAULT : b.info();
    }
}
