package dev.vigil.daemon.controller;

import dev.vigil.common.time.ExecutorScheduler;
import dev.vigil.common.time.Scheduler;
import dev.vigil.daemon.alert.AlertEvent;
import dev.vigil.daemon.alert.QuorumTransition;
import dev.vigil.healthcheck.CheckEvent;
import dev.vigil.healthcheck.CheckResult;
import dev.vigil.healthcheck.CheckSpec;
import dev.vigil.healthcheck.probe.Probe;
import dev.vigil.healthcheck.probe.ProbeFactory;
import dev.vigil.healthcheck.run.CheckRunner;
import dev.vigil.healthcheck.state.CheckPolicy;
import dev.vigil.healthcheck.state.Warmup;
import dev.vigil.ipvs.IpvsBackend;
import dev.vigil.ipvs.IpvsOperation;
import dev.vigil.ipvs.IpvsResult;
import dev.vigil.ipvs.Reconciler;
import dev.vigil.ipvs.ServiceKey;
import dev.vigil.ipvs.VirtualTable;
import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime that turns health checks into the IPVS table: one {@link CheckRunner} per
 * checker, one {@link VirtualServerState} per virtual server, and after every change the
 * desired table ({@link DesiredTableBuilder}) reconciled into the backend.
 *
 * <p>Threads: everything — checker timers, result judging, state changes, alerts, table
 * reconciliation — runs on one controller thread ("vigil-controller"), so the state needs no
 * locks and changes are applied in order. Probes do their I/O on the {@link ProbeFactory}'s
 * event loops; scripts run on the {@link ScriptRunner}'s threads. Bursts of changes are
 * coalesced into one reconciliation. Only the services the controller owns are compared with
 * the desired table, so entries others added stay. A reconciliation that the backend refuses
 * in part is retried after {@link Options#reconcileRetry()}.
 *
 * <p>Lifecycle: {@link #start} installs the table and starts the checkers; {@link #stop()}
 * (idempotent) stops them, runs the omega notifiers and applies the {@link StopMode}.
 * {@link #status()} may be called from any thread at any time; {@link #snapshot()} until stop.
 */
public final class HealthController implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HealthController.class);
    /** Pause before retrying a reconciliation the backend refused in part (keepalived never retries). */
    public static final Duration DEFAULT_RECONCILE_RETRY = Duration.ofSeconds(5);
    /** Longest a caller waits for the controller thread (snapshot, stop). */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    /**
     * @param bootstrapDelay fixed delay before each checker's first attempt (keepalived: 1 s)
     * @param flushAtStart   flush the whole table before installing ({@code lvs_flush})
     * @param stopMode       what stop does to the table
     * @param random         source of the warmup delays
     * @param reconcileRetry pause before retrying a reconciliation the backend refused in part
     */
    public record Options(Duration bootstrapDelay, boolean flushAtStart, StopMode stopMode, RandomGenerator random,
                          Duration reconcileRetry) {
        public Options {
            Objects.requireNonNull(bootstrapDelay, "bootstrapDelay");
            Objects.requireNonNull(stopMode, "stopMode");
            Objects.requireNonNull(random, "random");
            Objects.requireNonNull(reconcileRetry, "reconcileRetry");
        }

        /** keepalived's behaviour: 1 s bootstrap, no flush at start, own services removed at stop. */
        public static Options defaults() {
            return new Options(Warmup.BOOTSTRAP_DELAY, false, StopMode.REMOVE_OWN, new SplittableRandom(),
                    DEFAULT_RECONCILE_RETRY);
        }

        public Options withBootstrapDelay(Duration delay) {
            return new Options(delay, flushAtStart, stopMode, random, reconcileRetry);
        }

        public Options withFlushAtStart(boolean flush) {
            return new Options(bootstrapDelay, flush, stopMode, random, reconcileRetry);
        }

        public Options withStopMode(StopMode mode) {
            return new Options(bootstrapDelay, flushAtStart, mode, random, reconcileRetry);
        }

        public Options withReconcileRetry(Duration retry) {
            return new Options(bootstrapDelay, flushAtStart, stopMode, random, retry);
        }
    }

    private final List<VirtualServerState> states = new ArrayList<>();
    private final Map<String, VirtualServerState> byChecker = new HashMap<>();
    /** New FILE_CHECK runners, to be started before the reconciliation that adds their servers. */
    private final Set<CheckRunner> readFirst = Collections.newSetFromMap(new IdentityHashMap<>());
    /** By checker name; confined to the controller thread after start. */
    private final Map<String, CheckRunner> runners = new LinkedHashMap<>();
    private final IpvsBackend backend;
    private final AlertListener alerts;
    private final ScriptRunner scripts;
    /** The stop mode may change at a reload ({@link #stopMode}); the rest is fixed at start. */
    private volatile Options options;
    /** Replaced by a reload; confined to the controller thread after start. */
    private Set<ServiceKey> owned;
    /** Set by start; used again by a reload. */
    private ProbeFactory probes;
    private final EventExecutor executor;
    private final Scheduler scheduler;
    /** Confined to the controller thread. */
    private boolean reconcileQueued;
    /** Confined to the controller thread. */
    private Scheduler.Cancellable retry;
    private volatile ControllerStatus status = ControllerStatus.EMPTY;
    private volatile Reconciler.ApplyReport lastApply = new Reconciler.ApplyReport(0, List.of());
    private volatile boolean stopped;

    private HealthController(List<VirtualServerPlan> plans, IpvsBackend backend, AlertListener alerts,
                             ScriptRunner scripts, Options options) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.scripts = Objects.requireNonNull(scripts, "scripts");
        this.options = Objects.requireNonNull(options, "options");
        for (VirtualServerPlan plan : plans) {
            VirtualServerState state = new VirtualServerState(plan);
            states.add(state);
            plan.realServers().forEach(rs -> rs.checkers().forEach(c -> {
                if (byChecker.putIfAbsent(c.name(), state) != null) {
                    throw new IllegalArgumentException("duplicate checker name " + c.name());
                }
            }));
        }
        this.owned = DesiredTableBuilder.ownedKeys(states);
        this.executor = new DefaultEventExecutor(new DefaultThreadFactory("vigil-controller", true));
        this.scheduler = new ExecutorScheduler(executor);
    }

    /**
     * Installs the virtual servers and starts their checkers. Returns once the initial table
     * is in the backend.
     *
     * @throws IllegalArgumentException when two checkers share a name
     */
    public static HealthController start(List<VirtualServerPlan> plans, IpvsBackend backend, ProbeFactory probes,
                                         AlertListener alerts, ScriptRunner scripts, Options options) {
        HealthController controller = new HealthController(plans, backend, alerts, scripts, options);
        try {
            controller.call(() -> {
                controller.install(probes);
                return null;
            });
        } catch (RuntimeException e) {
            controller.runners.values().forEach(CheckRunner::stop);
            controller.executor.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw e;
        }
        return controller;
    }

    /** The latest status; never blocks. */
    public ControllerStatus status() {
        return status;
    }

    /** What the last reconciliation did. */
    public Reconciler.ApplyReport lastApply() {
        return lastApply;
    }

    /** The table the controller wants now (computed on the controller thread). */
    public VirtualTable desired() {
        return call(() -> DesiredTableBuilder.build(states));
    }

    /** The backend's whole table, read on the controller thread (so it reflects every applied change). */
    public VirtualTable snapshot() {
        if (stopped || executor.inEventLoop()) {
            return backend.snapshot();
        }
        return call(backend::snapshot);
    }

    /**
     * Stops checking, runs the omega notifiers, applies the stop mode to the table and waits
     * (briefly) for the shutdown scripts. Idempotent.
     */
    public void stop() {
        if (stopped) {
            return;
        }
        List<CompletableFuture<ScriptOutcome>> shutdownScripts = call(this::shutDown);
        executor.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).awaitUninterruptibly(CALL_TIMEOUT.toMillis());
        long waitNanos = ScriptRunner.SHUTDOWN_SCRIPT_TIMEOUT.multipliedBy(2).toNanos();
        try {
            CompletableFuture.allOf(shutdownScripts.toArray(CompletableFuture[]::new))
                    .get(waitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.info("shutdown scripts still running: {}", e.toString());
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void install(ProbeFactory probeFactory) {
        this.probes = probeFactory;
        if (options.flushAtStart()) {
            report("flush at start", backend.flush());
        }
        for (VirtualServerState state : states) {
            perform(state.start());
        }
        List<CheckRunner> created = new ArrayList<>();
        for (VirtualServerState state : states) {
            state.plan().realServers().forEach(rs -> created.addAll(runnersOf(rs)));
        }
        startAround(created, this::reconcileNow);
        publishStatus();
    }

    /**
     * Starts new runners around the reconciliation that puts their servers in the table:
     * FILE_CHECKs read their file before it, so a server whose file holds it out never enters
     * the table (keepalived reads the file before it adds the server); the others start after it.
     */
    private void startAround(List<CheckRunner> created, Runnable reconcile) {
        for (CheckRunner runner : created) {
            if (readFirst.contains(runner)) {
                runner.startNow();
            }
        }
        reconcile.run();
        for (CheckRunner runner : created) {
            if (!readFirst.remove(runner)) {
                runner.start();
            }
        }
    }

    /** New runners for a real server's checkers (not started), registered by name. */
    private List<CheckRunner> runnersOf(RealServerPlan rs) {
        return runnersOf(rs.checkers());
    }

    /** New runners for {@code checkers} (not started), registered by name. */
    private List<CheckRunner> runnersOf(List<CheckerPlan> checkers) {
        List<CheckRunner> created = new ArrayList<>();
        for (CheckerPlan checker : checkers) {
            AtomicReference<CheckRunner> self = new AtomicReference<>();
            Probe probe = recording(checker.name(), self, probes.create(checker.spec()));
            // keepalived reads a FILE_CHECK's file before it adds the real server, and so does
            // Vigil (startAround), rather than after the bootstrap delay.
            boolean fileCheck = checker.spec() instanceof CheckSpec.FileCheck;
            CheckRunner runner = new CheckRunner(checker.name(), CheckPolicy.of(checker.spec()), probe, scheduler,
                    this::onCheckEvent, options.random(), fileCheck ? Duration.ZERO : options.bootstrapDelay());
            self.set(runner);
            if (fileCheck) {
                readFirst.add(runner);
            }
            runners.put(checker.name(), runner);
            created.add(runner);
        }
        return created;
    }

    /**
     * A reload's {@code lvs_flush_on_stop} (with {@code -I}): what {@link #stop()} does with the
     * table from now on (keepalived reads it when it stops).
     */
    public void stopMode(StopMode mode) {
        options = options.withStopMode(Objects.requireNonNull(mode, "mode"));
    }

    /**
     * A reload (keepalived's {@code clear_diff_services()}, {@link ServerDiff}): carried real
     * servers keep their checkers running with their state, so they neither re-check nor
     * notify; restarted ones (some checker changed) keep their unchanged checkers running, as
     * keepalived's {@code migrate_checkers()}, and start the changed and new ones as at startup;
     * removed ones stop checking and are reported as keepalived reports them; added ones start
     * checking as at startup (alpha ones out of the table until their first success); removed
     * virtual servers leave the table. Then the backend is reconciled
     * once, so services and destinations that did not change are not touched. Waits for the
     * controller thread.
     *
     * @throws IllegalArgumentException when two checkers of the new plans share a name (nothing changed)
     * @throws IllegalStateException    after {@link #stop()}
     */
    public ServerDiff reconfigure(List<VirtualServerPlan> plans) {
        if (stopped) {
            throw new IllegalStateException("the health controller has stopped");
        }
        return call(() -> reload(List.copyOf(plans)));
    }

    private ServerDiff reload(List<VirtualServerPlan> plans) {
        Set<String> names = new HashSet<>();
        plans.forEach(plan -> plan.realServers().forEach(rs -> rs.checkers().forEach(c -> {
            if (!names.add(c.name())) {
                throw new IllegalArgumentException("duplicate checker name " + c.name());
            }
        })));
        ServerDiff diff = ServerDiff.of(states.stream().map(VirtualServerState::plan).toList(), plans);
        Map<VirtualServerPlan, VirtualServerState> previous = new HashMap<>();
        states.forEach(state -> previous.put(state.plan(), state));
        List<VirtualServerState> next = new ArrayList<>();
        Map<VirtualServerPlan, ServerDiff.Kept> kept = new HashMap<>();
        diff.kept().forEach(k -> kept.put(k.after(), k));
        Map<String, VirtualServerState> checkers = new HashMap<>();
        for (VirtualServerPlan plan : plans) {
            ServerDiff.Kept k = kept.get(plan);
            VirtualServerState state = k == null ? new VirtualServerState(plan)
                    : new VirtualServerState(k, previous.get(k.before()));
            next.add(state);
            plan.realServers().forEach(rs -> rs.checkers().forEach(c -> checkers.put(c.name(), state)));
        }
        List<CheckRunner> started = new ArrayList<>();
        for (VirtualServerPlan gone : diff.removed()) {
            gone.realServers().forEach(this::stopRunners);
            perform(previous.get(gone).remove());
        }
        for (ServerDiff.Kept k : diff.kept()) {
            k.removed().forEach(this::stopRunners);
            perform(previous.get(k.before()).removeRealServers(k.removed()));
            for (RealServerPlan rs : k.restarted()) {
                List<CheckerPlan> before = k.previous(rs).map(RealServerPlan::checkers).orElse(List.of());
                stopRunners(before.stream().filter(c -> !rs.checkers().contains(c)).toList());
                started.addAll(runnersOf(rs.checkers().stream().filter(c -> !before.contains(c)).toList()));
            }
            k.added().forEach(rs -> started.addAll(runnersOf(rs)));
        }
        diff.added().forEach(plan -> plan.realServers().forEach(rs -> started.addAll(runnersOf(rs))));
        states.clear();
        states.addAll(next);
        byChecker.clear();
        byChecker.putAll(checkers);
        for (VirtualServerState state : next) {
            perform(kept.containsKey(state.plan()) ? state.afterReload() : state.start());
        }
        Set<ServiceKey> wanted = DesiredTableBuilder.ownedKeys(states);
        Set<ServiceKey> both = new HashSet<>(owned);
        both.addAll(wanted);
        owned = both;
        startAround(started, this::reconcileNow);
        owned = wanted;
        publishStatus();
        return diff;
    }

    private void stopRunners(RealServerPlan rs) {
        stopRunners(rs.checkers());
    }

    private void stopRunners(List<CheckerPlan> checkers) {
        checkers.forEach(c -> {
            CheckRunner runner = runners.remove(c.name());
            if (runner != null) {
                runner.stop();
            }
        });
    }

    /**
     * Records every attempt's result for the status, on the controller thread, while
     * {@code runner} (set once it exists) is still the checker's.
     */
    private Probe recording(String checker, AtomicReference<CheckRunner> runner, Probe probe) {
        return () -> {
            CompletableFuture<CheckResult> inner = probe.attempt();
            CompletableFuture<CheckResult> outer = inner.thenApply(result -> {
                scheduler.schedule(0, () -> onCheckResult(checker, runner.get(), result));
                return result;
            });
            outer.whenComplete((r, e) -> {
                if (outer.isCancelled()) {
                    inner.cancel(false);
                }
            });
            return outer;
        };
    }

    private void onCheckResult(String checker, CheckRunner runner, CheckResult result) {
        VirtualServerState state = byChecker.get(checker);
        if (stopped || state == null || runners.get(checker) != runner) {
            // A result still on its way from a checker a reload has just stopped (perhaps
            // replaced by a new one of the same name).
            return;
        }
        state.onCheckResult(checker, result);
        publishStatus();
    }

    private void onCheckEvent(CheckEvent event) {
        if (stopped || !byChecker.containsKey(event.checker())) {
            return;
        }
        switch (event) {
            case CheckEvent.AttemptFailed failed -> LOG.info("{}: attempt failed, retry {}/{}: {}", failed.checker(),
                    failed.retry(), failed.retries(), failed.cause());
            case CheckEvent.Down down -> LOG.info("{}: down after {} failed attempt(s): {}", down.checker(),
                    down.failedAttempts(), down.cause());
            case CheckEvent.Up up -> LOG.info("{}: up: {}", up.checker(), up.cause());
            case CheckEvent.WeightChanged weight -> LOG.info("{}: dynamic weight {} -> {}", weight.checker(),
                    weight.from(), weight.to());
        }
        perform(byChecker.get(event.checker()).onCheckEvent(event));
        requestReconcile();
        publishStatus();
    }

    private void requestReconcile() {
        if (!reconcileQueued) {
            reconcileQueued = true;
            executor.execute(this::reconcileNow);
        }
    }

    private void reconcileNow() {
        reconcileQueued = false;
        if (stopped) {
            return;
        }
        VirtualTable desired = DesiredTableBuilder.build(states);
        VirtualTable actual = DesiredTableBuilder.owned(backend.snapshot(), owned);
        List<IpvsOperation> plan = Reconciler.plan(actual, desired);
        if (plan.isEmpty()) {
            return;
        }
        Reconciler.ApplyReport applied = Reconciler.apply(backend, plan);
        lastApply = applied;
        LOG.debug("reconciled {} operations", applied.applied());
        for (Reconciler.ApplyReport.Failure failure : applied.failures()) {
            LOG.warn("IPVS {} refused: {} ({})", failure.operation(), failure.result().error(),
                    failure.result().detail());
        }
        if (!applied.isComplete() && retry == null) {
            retry = scheduler.schedule(options.reconcileRetry().toNanos(), () -> {
                retry = null;
                requestReconcile();
            });
        }
    }

    private List<CompletableFuture<ScriptOutcome>> shutDown() {
        if (stopped) {
            return List.of();
        }
        stopped = true;
        runners.values().forEach(CheckRunner::stop);
        if (retry != null) {
            retry.cancel();
        }
        List<CompletableFuture<ScriptOutcome>> started = new ArrayList<>();
        for (VirtualServerState state : states) {
            started.addAll(perform(state.stop(options.stopMode() != StopMode.FLUSH_ALL)));
        }
        switch (options.stopMode()) {
            case KEEP -> { }
            case REMOVE_OWN -> owned.stream().sorted(ServiceKey.ORDER)
                    .forEach(key -> report("remove " + key, backend.removeService(key)));
            case FLUSH_ALL -> report("flush at stop", backend.flush());
        }
        publishStatus();
        return started;
    }

    private List<CompletableFuture<ScriptOutcome>> perform(List<ControllerEffect> effects) {
        List<CompletableFuture<ScriptOutcome>> started = new ArrayList<>();
        for (ControllerEffect effect : effects) {
            switch (effect) {
                case ControllerEffect.Alert alert -> {
                    logAlert(alert.event());
                    try {
                        alerts.onAlert(alert.event(), alert.mail());
                    } catch (RuntimeException e) {
                        LOG.warn("alert listener failed on {}", alert.event(), e);
                    }
                }
                case ControllerEffect.RunScript run ->
                        started.add(scripts.run(run.command(), run.reason(), run.shuttingDown()));
            }
        }
        return started;
    }

    /** The state changes keepalived logs ("Removing service ... from VS ...", "Lost quorum ..."). */
    private static void logAlert(AlertEvent event) {
        switch (event) {
            case AlertEvent.RealServerStateChanged rs -> LOG.info("{} service {} {} VS {}",
                    rs.up() ? "Adding" : "Removing", rs.realServer().text(), rs.up() ? "to" : "from",
                    rs.virtualServer().text());
            case AlertEvent.QuorumChanged q when q.transition() == QuorumTransition.SHUTTING_DOWN ->
                    LOG.info("Shutting down VS {}", q.virtualServer().text());
            case AlertEvent.QuorumChanged q -> LOG.info("{} {}+{}={} <= {} for VS {}", q.transition().words(),
                    q.quorum(), q.hysteresis(), q.threshold(), q.weightSum(), q.virtualServer().text());
            default -> { }
        }
    }

    private void publishStatus() {
        status = new ControllerStatus(states.stream().map(VirtualServerState::status).toList());
    }

    private static void report(String what, IpvsResult result) {
        if (result instanceof IpvsResult.Failed failed) {
            LOG.warn("IPVS {} failed: {} ({})", what, failed.error(), failed.detail());
        }
    }

    private <T> T call(java.util.concurrent.Callable<T> task) {
        if (executor.inEventLoop()) {
            try {
                return task.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        try {
            return executor.submit(task).get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("controller thread did not answer within " + CALL_TIMEOUT, e);
        }
    }
}
