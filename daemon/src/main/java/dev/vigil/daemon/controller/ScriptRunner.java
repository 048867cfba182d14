package dev.vigil.daemon.controller;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs notify scripts without ever blocking the caller: each run gets its own virtual thread,
 * which starts the process, waits for it with a timeout and kills it on expiry (SIGTERM, then
 * SIGKILL after a grace period). Failures are logged, never thrown. Output goes to
 * {@code /dev/null}, as keepalived's does.
 *
 * <p>Accounts: a script with a user runs through {@code runuser -u USER [-g GROUP] --}
 * (util-linux) when the daemon is root; as another user it cannot switch and the script is
 * not started. Scripts are vetted when the configuration is adapted (keepalived's rules, in
 * {@code dev.vigil.daemon.adapt.ScriptPolicy}); with {@code enable_script_security} a script
 * that would run as root is checked again before each run ({@link ScriptSecurity}), so a file
 * made writable after start is still refused — a Vigil addition. Such a refusal is logged once
 * per script and reported to the {@link RefusalListener}.
 *
 * <p>Lifecycle: {@link #close()} waits up to the shutdown timeout for running scripts, then
 * kills what is left; runs requested after it are not started. Thread-safe.
 */
public final class ScriptRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScriptRunner.class);
    /** Time a script gets to exit after SIGTERM before SIGKILL. */
    private static final Duration TERM_GRACE = Duration.ofSeconds(1);
    /** keepalived waits TIMER_HZ (1 s) for scripts run while stopping (system_call_script). */
    public static final Duration SHUTDOWN_SCRIPT_TIMEOUT = Duration.ofSeconds(1);
    /**
     * keepalived lets notify scripts run unbounded; Vigil bounds them so a hung script cannot
     * pile up processes. Generous enough for any sane notifier.
     */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final Duration timeout;
    /** {@code enable_script_security}; a reload may change it. */
    private volatile boolean scriptSecurity;
    private final RefusalListener refusals;
    private final OutcomeListener outcomes;
    private final Set<String> refusalsLogged = ConcurrentHashMap.newKeySet();
    private final String currentUser;
    private final Set<Process> running = ConcurrentHashMap.newKeySet();
    private final Set<CompletableFuture<ScriptOutcome>> pending = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * @param timeout        how long a script may run (shutdown scripts get {@link #SHUTDOWN_SCRIPT_TIMEOUT})
     * @param scriptSecurity {@code enable_script_security}
     */
    public ScriptRunner(Duration timeout, boolean scriptSecurity) {
        this(timeout, scriptSecurity, (reason, command, why) -> { });
    }

    /**
     * @param refusals told once per script that script security refuses at run time
     */
    public ScriptRunner(Duration timeout, boolean scriptSecurity, RefusalListener refusals) {
        this(timeout, scriptSecurity, refusals, outcome -> { });
    }

    /**
     * @param refusals told once per script that script security refuses at run time
     * @param outcomes told how every script ended (started and exited, timed out, not started)
     */
    public ScriptRunner(Duration timeout, boolean scriptSecurity, RefusalListener refusals,
                        OutcomeListener outcomes) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.scriptSecurity = scriptSecurity;
        this.refusals = Objects.requireNonNull(refusals, "refusals");
        this.outcomes = Objects.requireNonNull(outcomes, "outcomes");
        this.currentUser = System.getProperty("user.name", "");
    }

    /**
     * A reload's {@code enable_script_security} (keepalived re-reads it with the rest of
     * {@code global_defs}); a script refused before is logged again if refused again.
     */
    public void setScriptSecurity(boolean on) {
        if (scriptSecurity != on) {
            scriptSecurity = on;
            refusalsLogged.clear();
        }
    }

    /** Hears how each script ended (for the script metrics). */
    @FunctionalInterface
    public interface OutcomeListener {
        void ended(ScriptOutcome outcome);
    }

    /** Hears of scripts refused at run time by {@code enable_script_security}. */
    @FunctionalInterface
    public interface RefusalListener {
        /**
         * @param reason  why the script was to run ({@code "(VI_1) notify_master"}, {@code notify_up}, ...)
         * @param command the script
         * @param why     what is unsafe
         */
        void refused(String reason, ScriptCommand command, String why);
    }

    /** Starts {@code command}; the future completes when it ends (never exceptionally). */
    public CompletableFuture<ScriptOutcome> run(ScriptCommand command, String reason, boolean shuttingDown) {
        CompletableFuture<ScriptOutcome> outcome = new CompletableFuture<>();
        if (closed) {
            outcome.complete(new ScriptOutcome.NotStarted("script runner closed"));
            return outcome;
        }
        pending.add(outcome);
        Duration limit = shuttingDown ? SHUTDOWN_SCRIPT_TIMEOUT : timeout;
        Thread.ofVirtual().name("vigil-script").start(() -> {
            ScriptOutcome result = execute(command, limit);
            if (result instanceof ScriptOutcome.Refused refused && refusalsLogged.add(command.display())) {
                LOG.warn("{}: script '{}' refused: {} (enable_script_security; logged once)", reason,
                        command.display(), refused.reason());
                refusals.refused(reason, command, refused.reason());
            } else {
                log(command, reason, result);
            }
            try {
                outcomes.ended(result);
            } catch (RuntimeException e) {
                LOG.debug("script outcome listener failed", e);
            }
            pending.remove(outcome);
            outcome.complete(result);
        });
        return outcome;
    }

    /** Scripts started and not yet ended. */
    public int running() {
        return pending.size();
    }

    /** Waits up to {@code grace} for running scripts, then kills the rest. */
    public void close(Duration grace) {
        closed = true;
        long deadline = System.nanoTime() + grace.toNanos();
        for (CompletableFuture<ScriptOutcome> f : List.copyOf(pending)) {
            long left = deadline - System.nanoTime();
            try {
                f.get(Math.max(0, left), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                break;
            }
        }
        running.forEach(Process::destroyForcibly);
    }

    @Override
    public void close() {
        close(SHUTDOWN_SCRIPT_TIMEOUT.plus(TERM_GRACE));
    }

    private ScriptOutcome execute(ScriptCommand command, Duration limit) {
        Optional<List<String>> argv = command.commandLineFor(currentUser);
        if (argv.isEmpty()) {
            return new ScriptOutcome.NotStarted("cannot run as user " + command.user().orElse("")
                    + " when not root");
        }
        if (scriptSecurity && runsAsRoot(command)
                && ScriptSecurity.inspect(command.argv().getFirst()) instanceof ScriptFile.Found found
                && found.unsafe().isPresent()) {
            return new ScriptOutcome.Refused("it would run as root, but " + found.unsafe().get());
        }
        Process process;
        try {
            process = new ProcessBuilder(argv.get())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException | RuntimeException e) {
            return new ScriptOutcome.NotStarted(e.getMessage() == null ? e.toString() : e.getMessage());
        }
        running.add(process);
        try {
            return await(process, limit);
        } finally {
            running.remove(process);
        }
    }

    private boolean runsAsRoot(ScriptCommand command) {
        return command.user().map("root"::equals).orElse("root".equals(currentUser))
                || command.group().map("root"::equals).orElse(false);
    }

    private static ScriptOutcome await(Process process, Duration limit) {
        try {
            if (process.waitFor(limit.toNanos(), TimeUnit.NANOSECONDS)) {
                return new ScriptOutcome.Exited(process.exitValue());
            }
            process.destroy();
            if (!process.waitFor(TERM_GRACE.toNanos(), TimeUnit.NANOSECONDS)) {
                process.destroyForcibly();
            }
            return new ScriptOutcome.TimedOut(limit);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return new ScriptOutcome.TimedOut(limit);
        }
    }

    private static void log(ScriptCommand command, String reason, ScriptOutcome result) {
        switch (result) {
            case ScriptOutcome.Exited exited when exited.status() == 0 ->
                    LOG.debug("{}: script '{}' succeeded", reason, command.display());
            case ScriptOutcome.Exited exited ->
                    LOG.warn("{}: script '{}' exited with status {}", reason, command.display(), exited.status());
            case ScriptOutcome.TimedOut timedOut ->
                    LOG.warn("{}: script '{}' timed out after {} and was killed", reason, command.display(),
                            timedOut.after());
            case ScriptOutcome.NotStarted notStarted ->
                    LOG.warn("{}: script '{}' not run: {}", reason, command.display(), notStarted.reason());
            case ScriptOutcome.Refused refused ->
                    LOG.debug("{}: script '{}' refused again: {}", reason, command.display(), refused.reason());
        }
    }
}
