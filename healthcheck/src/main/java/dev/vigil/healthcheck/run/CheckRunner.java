package dev.vigil.healthcheck.run;

import dev.vigil.common.time.Scheduler;
import dev.vigil.healthcheck.CheckEvent;
import dev.vigil.healthcheck.CheckEventListener;
import dev.vigil.healthcheck.CheckResult;
import dev.vigil.healthcheck.CheckSpec;
import dev.vigil.healthcheck.probe.Probe;
import dev.vigil.healthcheck.probe.ProbeFactory;
import dev.vigil.healthcheck.state.CheckPolicy;
import dev.vigil.healthcheck.state.CheckerState;
import dev.vigil.healthcheck.state.Decision;
import dev.vigil.healthcheck.state.Warmup;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

/**
 * Runs one checker: the first attempt after the bootstrap delay plus a random warmup, then
 * each next attempt after the delay its {@link CheckerState} decides; events go to the
 * listener.
 *
 * <p>Threads: attempts are started, results judged and events delivered on the scheduler's
 * thread (a probe's result is handed back through {@code scheduler.schedule(0, ...)}), so
 * the state needs no locks. {@link #start()} and {@link #stop()} may be called from any
 * thread when the scheduler is thread-safe (as {@link dev.vigil.common.time.ExecutorScheduler} on an event loop is).
 *
 * <p>Lifecycle: {@code start()} once (a second call throws {@link IllegalStateException}),
 * then {@code stop()}, which is idempotent. Stopping cancels the pending timer and the attempt
 * in flight; after it returns no new attempt starts and no further result is judged, though
 * a delivery already running on the scheduler thread finishes.
 */
public final class CheckRunner {

    private final CheckerState state;
    private final CheckPolicy policy;
    private final Probe probe;
    private final Scheduler scheduler;
    private final CheckEventListener listener;
    private final RandomGenerator random;
    private final Duration bootstrap;
    /** Guarded by this (start/stop); read on the scheduler thread. */
    private volatile boolean started;
    /** Guarded by this (start/stop); read on the scheduler thread. */
    private volatile boolean stopped;
    /** Written on the scheduler thread (and in start), read by stop. */
    private volatile Scheduler.Cancellable pending;
    /** Written on the scheduler thread, read by stop. */
    private volatile CompletableFuture<CheckResult> inFlight;
    /** Confined to the scheduler thread. */
    private long attemptStartedNanos;

    /**
     * @param name      the checker's name in events
     * @param bootstrap fixed delay before the warmup (keepalived: {@link Warmup#BOOTSTRAP_DELAY})
     * @param random    source of the warmup delay
     */
    public CheckRunner(String name, CheckPolicy policy, Probe probe, Scheduler scheduler,
                       CheckEventListener listener, RandomGenerator random, Duration bootstrap) {
        this.state = new CheckerState(name, policy);
        this.policy = policy;
        this.probe = Objects.requireNonNull(probe, "probe");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.random = Objects.requireNonNull(random, "random");
        this.bootstrap = Objects.requireNonNull(bootstrap, "bootstrap");
    }

    /**
     * A runner for {@code spec} with keepalived's policy for it, a probe from {@code probes}
     * and keepalived's one-second bootstrap delay.
     */
    public static CheckRunner forSpec(String name, CheckSpec spec, ProbeFactory probes, Scheduler scheduler,
                                      CheckEventListener listener, RandomGenerator random) {
        return new CheckRunner(name, CheckPolicy.of(spec), probes.create(spec), scheduler, listener, random,
                Warmup.BOOTSTRAP_DELAY);
    }

    /** Schedules the first attempt. */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("already started");
        }
        started = true;
        pending = scheduler.schedule(Warmup.firstDelayNanos(policy, bootstrap.toNanos(), random), this::attempt);
    }

    /**
     * Starts with an attempt now, on the calling thread, which must be the scheduler's: when
     * the probe answers at once (FILE_CHECK reads a file), its result is judged and its events
     * reported before this returns, and the next attempt is scheduled as usual; a probe that
     * answers later is judged in the scheduler's next turn after it does.
     */
    public synchronized void startNow() {
        if (started) {
            throw new IllegalStateException("already started");
        }
        started = true;
        attempt(true);
    }

    /** Stops checking; idempotent. */
    public synchronized void stop() {
        stopped = true;
        Scheduler.Cancellable timer = pending;
        if (timer != null) {
            timer.cancel();
        }
        CompletableFuture<CheckResult> attempt = inFlight;
        if (attempt != null) {
            attempt.cancel(false);
        }
    }

    /** Whether the checker currently considers its server up (read on the scheduler thread). */
    public boolean isUp() {
        return state.isUp();
    }

    /** The dynamic weight in force (read on the scheduler thread). */
    public OptionalInt weight() {
        return state.weight();
    }

    private void attempt() {
        attempt(false);
    }

    private void attempt(boolean judgeAtOnce) {
        if (stopped) {
            return;
        }
        attemptStartedNanos = scheduler.nanoTime();
        CompletableFuture<CheckResult> attempt = probe.attempt();
        inFlight = attempt;
        if (judgeAtOnce && attempt.isDone() && !attempt.isCompletedExceptionally()) {
            judge(attempt.join());
            return;
        }
        attempt.whenComplete((result, error) -> {
            if (error == null) {
                scheduler.schedule(0, () -> judge(result));
            } else if (!attempt.isCancelled()) {
                // Probes never fail this way; if one does, keep checking rather than stop silently.
                scheduler.schedule(0, () -> judge(CheckResult.failure("probe error: " + error)));
            }
        });
    }

    private void judge(CheckResult result) {
        inFlight = null;
        if (stopped) {
            return;
        }
        Decision decision = state.handle(result);
        for (CheckEvent event : decision.events()) {
            listener.onEvent(event);
        }
        long delay = decision.nextDelayNanos();
        if (policy.delayFromAttemptStart()) {
            // At least 1 µs, as keepalived's misc checker never schedules with a zero delay.
            delay = Math.max(1_000, delay - (scheduler.nanoTime() - attemptStartedNanos));
        }
        pending = scheduler.schedule(delay, this::attempt);
    }
}
