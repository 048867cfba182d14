package dev.vigil.daemon.run;

import dev.vigil.common.diag.Diagnostic;
import dev.vigil.common.diag.Severity;
import dev.vigil.conf.ConfigLoader;
import dev.vigil.conf.LoadedConfig;
import dev.vigil.conf.model.GlobalDefs;
import dev.vigil.conf.model.KeepalivedConfig;
import dev.vigil.daemon.adapt.AdaptIssue;
import dev.vigil.daemon.adapt.ControllerPlans;
import dev.vigil.daemon.adapt.DaemonScripts;
import dev.vigil.daemon.adapt.ScriptAudit;
import dev.vigil.daemon.adapt.ScriptPolicy;
import dev.vigil.daemon.adapt.StaticEntries;
import dev.vigil.daemon.adapt.VrrpAdapter;
import dev.vigil.daemon.control.ControlHandlers;
import dev.vigil.daemon.control.ControlResponse;
import dev.vigil.daemon.control.ControlServer;
import dev.vigil.daemon.control.ControlServerSettings;
import dev.vigil.daemon.control.ControlSocketException;
import dev.vigil.daemon.controller.ScriptRunner;
import dev.vigil.daemon.metrics.MetricsEndpoint;
import dev.vigil.daemon.metrics.MetricsListen;
import dev.vigil.daemon.metrics.VigilMetrics;
import dev.vigil.daemon.signal.DumpFiles;
import dev.vigil.daemon.signal.SignalDispatcher;
import dev.vigil.linux.NetNamespace;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Vigil daemon ({@code vigil -f FILE}): loads and validates the configuration
 * (diagnostics printed compiler-style; a configuration that cannot run is refused with exit
 * {@value #EXIT_CONFIG}, as keepalived refuses to start), takes the pid file, and starts in
 * order the metrics endpoint, the alert channels, the health controller with its IPVS backend
 * (unless {@code -P}, and only when there are virtual servers), the VRRP runtime (unless
 * {@code -C}), the control socket and the signal handlers.
 *
 * <p>Vigil is one process (keepalived's parent, VRRP and checker children in one JVM), so
 * {@code -n} is implied and the per-child pid files are not written.
 *
 * <p>Stop (SIGTERM, SIGINT, {@link #requestStop()}): the control socket closes, every VRRP
 * master resigns with priority 0 and releases its VIPs (unless {@code -V}), the health
 * controller stops (omega scripts; table per {@code -I} / {@code lvs_flush_on_stop}), then the
 * backend, {@code shutdown_script}, scripts, alerts, metrics and signal handlers are closed and
 * the pid file removed. {@code startup_script} runs once everything has started.
 *
 * <p>Under systemd ({@code NOTIFY_SOCKET} set), {@link SystemdNotifier} sends {@code READY=1} once
 * everything above has started and {@code STOPPING=1} when a stop begins.
 *
 * <p>Lifecycle: {@link #start} → {@link #awaitStop()} or {@link #stop()}. Thread-safe.
 */
public final class Daemon {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_SUBSYSTEM = 2;
    public static final int EXIT_CONFIG = 3;

    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);
    /**
     * Longest stop waits for {@code shutdown_script} (Vigil's bound: a stop that hangs delays a
     * service manager's restart); the script runner kills it after its own timeout.
     */
    private static final Duration SHUTDOWN_SCRIPT_WAIT = Duration.ofSeconds(10);

    private final DaemonSettings settings;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final VigilMetrics metrics = new VigilMetrics();
    private final Engines engines;
    /**
     * systemd readiness: READY=1 at the end of start, STOPPING=1 at stop. A reload calls
     * {@code systemd.reloading(...)} before it applies anything and {@code systemd.ready(...)}
     * when it has finished (applied or refused).
     */
    private final SystemdNotifier systemd = SystemdNotifier.fromEnvironment(System.getenv());
    /** Guarded by this. */
    private boolean stopped;
    private PidFile pidFile;
    private MetricsEndpoint metricsEndpoint;
    private volatile AlertChannels alerts = AlertChannels.none();
    private ScriptRunner scripts;
    private ControlServer controlServer;
    private SignalDispatcher signals;
    private volatile DaemonDumps dumps;
    private Reloader reload;
    private final SubsystemScheduling threadScheduling = new SubsystemScheduling();
    /** The scheduling settings of the running configuration (start, then each reload). */
    private volatile List<SubsystemScheduling.Subsystem> scheduling = List.of();
    /** Set at start: the namespace and instance, which a reload may not change. */
    private volatile DaemonIdentity identity;
    /** Replaced by a reload (shutdown_script). */
    private volatile DaemonScripts daemonScripts;

    private Daemon(DaemonSettings settings, BackendFactory backends) {
        this.settings = settings;
        this.engines = new Engines(settings, backends, metrics);
    }

    /**
     * Starts a daemon; on failure everything started so far is stopped again.
     *
     * @param err where configuration diagnostics are printed
     */
    public static Daemon start(DaemonSettings settings, BackendFactory backends, PrintWriter err)
            throws DaemonStartException {
        return start(settings, ConfigLoader.load(settings.configFile(), settings.configId(), settings.allConfig()),
                backends, err);
    }

    /**
     * Starts a daemon on {@code loaded}, the configuration file as the command line has just
     * read it (it needs {@code net_namespace} and {@code instance} before the start).
     */
    public static Daemon start(DaemonSettings settings, LoadedConfig loaded, BackendFactory backends,
                               PrintWriter err) throws DaemonStartException {
        Daemon daemon = new Daemon(settings, backends);
        try {
            daemon.startAll(loaded, err);
        } catch (DaemonStartException | RuntimeException e) {
            daemon.stop();
            throw e;
        }
        return daemon;
    }

    private void startAll(LoadedConfig loaded, PrintWriter err) throws DaemonStartException {
        KeepalivedConfig config = runnable(loaded, err);
        identity = identity(config);
        reload = new Reloader(settings, identity, config.globalDefs().netNamespaceIpvs(), engines,
                metrics.reloads(), metrics.alerts(), this::reloadGlobals);
        ScriptPolicy scriptPolicy = ScriptPolicy.forHost(config.globalDefs());
        VrrpAdapter.Result vrrp = settings.runVrrp() ? VrrpAdapter.from(config, scriptPolicy)
                : new VrrpAdapter.Result(List.of(), List.of(), List.of());
        ControllerPlans.Result plans = settings.runCheckers() ? ControllerPlans.from(config, scriptPolicy)
                : new ControllerPlans.Result(List.of(), List.of());
        logIssues(vrrp.issues());
        logIssues(plans.issues());
        ScriptChecks.report(ScriptAudit.of(config, scriptPolicy).forSubsystems(settings.runVrrp(),
                settings.runCheckers()), settings.configFile(), settings.configId(), metrics.alerts());
        pidFile = acquirePidFile();
        if (settings.installSignals()) {
            // Early, so that a TERM during start still stops in order once start is done.
            signals = SignalDispatcher.install(new DaemonSignals(this));
            signals.unavailable().forEach((s, why) -> LOG.info("signal {} not handled: {}", s.signalName(), why));
        }
        startMetrics();
        alerts = AlertChannels.open(config.globalDefs(), metrics.alerts());
        scripts = new ScriptRunner(ScriptRunner.DEFAULT_TIMEOUT, config.globalDefs().enableScriptSecurity(),
                ScriptChecks.runTimeListener(metrics.alerts()), ScriptChecks.outcomeListener(metrics.alerts()));
        daemonScripts = DaemonScripts.from(config.globalDefs(), scriptPolicy);
        logIssues(daemonScripts.issues());
        engines.startChecks(config, plans.plans(), alerts, scripts);
        engines.applyLvsTimeouts(config.globalDefs().lvsTimeouts());
        metrics.checks().observeHealth(new RealServerHealth(engines));
        if (settings.runVrrp()) {
            StaticEntries statics = StaticEntries.from(config);
            logIssues(statics.issues());
            engines.applyStatic(statics);
        }
        engines.startVrrp(vrrp, alerts, scripts, config.globalDefs().noEmailFaults(), Clock.systemDefaultZone());
        dumps = new DaemonDumps(engines, dumpFiles(config.globalDefs()), settings.runVrrp(),
                settings.runCheckers());
        startControl();
        scheduling = SubsystemScheduling.of(config.globalDefs());
        threadScheduling.apply(scheduling);
        LOG.info("Vigil started (pid {}{}): {} VRRP instance(s), {} virtual server(s)", ProcessHandle.current().pid(),
                identity.netNamespace().map(ns -> ", network namespace " + ns).orElse(""),
                vrrp.instances().size(), plans.plans().size());
        systemd.ready("running: " + vrrp.instances().size() + " VRRP instance(s), " + plans.plans().size()
                + " virtual server(s)");
        daemonScripts.startup().ifPresent(s -> scripts.run(s, "startup_script", false));
    }

    /** The dump files' places: keepalived's temporary directory and {@code *_dump_file}. */
    private static DumpFiles dumpFiles(GlobalDefs globals) {
        return new DumpFiles(DumpFiles.directory(System.getenv()), globals.stateDumpFile(), globals.statsDumpFile(),
                globals.jsonDumpFile());
    }

    /**
     * A reload's {@code global_defs}, the parts the daemon holds (keepalived re-reads them all,
     * reference §1.8): alert channels (FIFOs, SMTP), {@code enable_script_security},
     * {@code shutdown_script} (re-checked; {@code startup_script} is not run again), the dump
     * files. The engines take the rest ({@link Reloader}). Returns one line per change.
     */
    private List<String> reloadGlobals(KeepalivedConfig config, ScriptPolicy scriptPolicy) {
        GlobalDefs globals = config.globalDefs();
        List<String> changes = new ArrayList<>(alerts.reconfigure(globals));
        ScriptRunner runner = scripts;
        if (runner != null) {
            runner.setScriptSecurity(globals.enableScriptSecurity());
        }
        DaemonScripts reread = DaemonScripts.from(globals, scriptPolicy);
        logIssues(reread.issues());
        daemonScripts = reread;
        DaemonDumps d = dumps;
        if (d != null) {
            d.files(dumpFiles(globals));
        }
        scheduling = SubsystemScheduling.of(globals);
        return changes;
    }

    private KeepalivedConfig runnable(LoadedConfig loaded, PrintWriter err) throws DaemonStartException {
        for (Diagnostic diagnostic : loaded.diagnostics()) {
            err.println(diagnostic.format());
        }
        err.flush();
        if (!loaded.runnable()) {
            throw new DaemonStartException(EXIT_CONFIG, settings.configFile() + ": the configuration cannot run");
        }
        if (loaded.worst().map(w -> w.atLeast(Severity.ERROR)).orElse(false)) {
            LOG.warn("{}: the configuration has errors; running what is valid, as keepalived does",
                    settings.configFile());
        }
        return loaded.config().orElseThrow();
    }

    /**
     * The configuration's {@code net_namespace} and {@code instance}. The command line enters
     * the namespace before the daemon starts ({@code NetNamespaceEntry}); a daemon started
     * any other way must already be inside it, or it would take over the host's interfaces.
     */
    private DaemonIdentity identity(KeepalivedConfig config) throws DaemonStartException {
        DaemonIdentity found;
        try {
            found = DaemonIdentity.of(config.globalDefs(), settings.namespace());
        } catch (IllegalArgumentException e) {
            throw new DaemonStartException(EXIT_CONFIG, settings.configFile() + ": " + e.getMessage(), e);
        }
        if (found.netNamespace().isPresent()) {
            String ns = found.netNamespace().get();
            boolean inside;
            try {
                inside = NetNamespace.isCurrent(ns);
            } catch (IOException e) {
                throw new DaemonStartException(EXIT_FAILURE, "net_namespace " + ns + ": cannot compare it with this"
                        + " process's namespace: " + e.getMessage(), e);
            }
            if (!inside) {
                throw new DaemonStartException(EXIT_FAILURE, "net_namespace " + ns + ": this process is not inside"
                        + " it; start Vigil with the vigil command (it enters the namespace) or under ip netns exec "
                        + ns);
            }
        }
        return found;
    }

    private static void logIssues(List<AdaptIssue> issues) {
        issues.forEach(issue -> LOG.warn("{}", issue));
    }

    private PidFile acquirePidFile() throws DaemonStartException {
        try {
            return PidFile.acquire(settings.pidFile());
        } catch (PidFile.HeldException e) {
            throw new DaemonStartException(EXIT_FAILURE, e.getMessage(), e);
        } catch (IOException e) {
            throw new DaemonStartException(EXIT_FAILURE, "cannot write pid file " + settings.pidFile() + ": "
                    + e.getMessage(), e);
        }
    }

    private void startMetrics() throws DaemonStartException {
        if (settings.metrics() instanceof MetricsListen.Listen(InetSocketAddress address)) {
            try {
                metricsEndpoint = MetricsEndpoint.start(address, metrics, this::status);
                LOG.info("metrics on http://{}:{}/metrics", metricsEndpoint.address().getHostString(),
                        metricsEndpoint.address().getPort());
            } catch (IOException e) {
                throw new DaemonStartException(EXIT_FAILURE, "cannot listen for metrics on " + address + ": "
                        + e.getMessage(), e);
            }
        }
    }

    private void startControl() throws DaemonStartException {
        ControlHandlers handlers = new ControlCommands(engines, dumps, this::reload).register(new ControlHandlers());
        try {
            controlServer = ControlServer.start(ControlServerSettings.defaults(settings.controlSocket()), handlers);
        } catch (ControlSocketException e) {
            throw new DaemonStartException(EXIT_FAILURE, e.getMessage(), e);
        }
    }

    /**
     * The directory a daemon in a namespace made for its default pid file and control socket
     * ({@code /run/vigil/NAMESPACE}) goes once they are gone, as keepalived removes its
     * namespace's pid directory; it stays while it holds anything else.
     */
    private void removeNamespaceDirectory() {
        DaemonIdentity id = identity;
        if (id == null || id.netNamespace().isEmpty()) {
            return;
        }
        Path directory = id.pidFile().getParent();
        if (!directory.equals(settings.pidFile().getParent())
                && !directory.equals(settings.controlSocket().getParent())) {
            return;
        }
        try {
            Files.deleteIfExists(directory);
        } catch (DirectoryNotEmptyException e) {
            LOG.debug("{} is not empty; left in place", directory);
        } catch (IOException e) {
            LOG.info("cannot remove {}: {}", directory, e.getMessage());
        }
    }

    /** {@code ctl reload} and SIGHUP: validate the file and apply it as a diff ({@link Reloader}); logged there. */
    ControlResponse reload() {
        systemd.reloading("reloading " + settings.configFile());
        try {
            ControlResponse response = reload.run();
            // new values, and the receive threads a reload starts for new interfaces
            threadScheduling.apply(scheduling);
            return response;
        } finally {
            systemd.ready("running (reloaded)");
        }
    }

    /** The dump writer, once every engine has started. */
    Optional<DaemonDumps> dumps() {
        return Optional.ofNullable(dumps);
    }

    /** The current status (also served at the metrics endpoint's {@code /status}). */
    public StatusReport status() {
        DaemonDumps d = dumps;
        return d == null ? new StatusReport(false, List.of(), false, List.of()) : d.status();
    }

    /** Where the metrics endpoint listens, when it runs (port 0 in the settings picks one). */
    public Optional<InetSocketAddress> metricsAddress() {
        return Optional.ofNullable(metricsEndpoint).map(MetricsEndpoint::address);
    }

    public Path controlSocket() {
        return settings.controlSocket();
    }

    /** Asks the thread in {@link #awaitStop()} to stop the daemon; returns at once. */
    public void requestStop() {
        stopRequested.countDown();
    }

    /** Blocks until a stop is requested, stops the daemon and returns the exit code. */
    public int awaitStop() throws InterruptedException {
        stopRequested.await();
        stop();
        return EXIT_OK;
    }

    /** Stops everything that was started, in order; idempotent. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        stopRequested.countDown();
        LOG.info("Stopping");
        systemd.stopping("stopping");
        closeQuietly(controlServer);
        engines.stop();
        runShutdownScript();
        closeQuietly(scripts);
        closeQuietly(alerts);
        closeQuietly(metricsEndpoint);
        if (signals != null) {
            // The process exits next: a late TERM must not turn the clean exit into status 143.
            signals.retire();
        }
        closeQuietly(pidFile);
        removeNamespaceDirectory();
        closeQuietly(systemd);
        LOG.info("Stopped Vigil");
    }

    /** {@code shutdown_script}, waited for up to {@link #SHUTDOWN_SCRIPT_WAIT} (then the runner kills it). */
    private void runShutdownScript() {
        if (scripts == null || daemonScripts == null || daemonScripts.shutdown().isEmpty()) {
            return;
        }
        try {
            scripts.run(daemonScripts.shutdown().get(), "shutdown_script", true)
                    .get(SHUTDOWN_SCRIPT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("shutdown_script did not finish: {}", e.toString());
        }
    }

    private static void closeQuietly(AutoCloseable resource) {
        if (resource == null) {
            return;
        }
        try {
            resource.close();
        } catch (Exception e) {
            LOG.warn("closing {} failed: {}", resource.getClass().getSimpleName(), e.toString());
        }
    }
}
