package dev.vigil.vrrp.runtime;

import dev.vigil.common.time.Scheduler;
import dev.vigil.common.time.Scheduler.Cancellable;
import dev.vigil.vrrp.track.FileValue;
import dev.vigil.vrrp.track.ScriptHealth;
import dev.vigil.vrrp.track.ScriptOutcome;
import dev.vigil.vrrp.track.ScriptStatus;
import dev.vigil.vrrp.track.TrackerSpec;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Observes the tracked scripts and files and hands what it sees to the instances' drivers
 * (which turn it into state-machine inputs through their {@code InstanceTracking}).
 *
 * <ul>
 *   <li>Scripts: each tracked {@link VrrpScript} is started on the loop every {@code interval}
 *       through the {@link ScriptExecutor} (a run still going when the next is due is not
 *       doubled); the outcome comes back to the loop, goes through the script's one shared
 *       {@link ScriptHealth} and is given to every instance tracking it.</li>
 *   <li>Files: at start {@code init_file} is applied and each tracked file read once, so the
 *       instances start with its value; then the {@link FileWatcher} reports changes, which are
 *       parsed with {@link FileValue} on the loop. A missing or unreadable file counts as 0; a
 *       number out of range keeps the previous value (keepalived track_file.c).</li>
 * </ul>
 * Link changes do not pass here: the runtime gives them to every driver directly.
 *
 * <p>Constructed and {@link #prepareFiles() prepared} on the starting thread; everything else
 * on the event loop, except {@link #watchFiles()} (starting thread) and {@link #close()}.
 */
final class TrackerMonitor {

    private static final Logger LOG = LoggerFactory.getLogger(TrackerMonitor.class);

    private final Map<String, ScriptRun> scripts = new LinkedHashMap<>();
    private final Map<String, TrackFile> files = new LinkedHashMap<>();
    private final Map<String, Long> fileValues = new HashMap<>();
    private final ScriptExecutor executor;
    private final FileWatcher watcher;
    private final Scheduler scheduler;
    private final Executor loop;
    private List<InstanceDriver> drivers = List.of();
    private boolean stopped;

    /** One tracked script: its definition, shared health and run state. */
    private static final class ScriptRun {
        final VrrpScript script;
        final ScriptHealth health;
        boolean running;
        Cancellable next;

        ScriptRun(VrrpScript script) {
            this.script = script;
            this.health = new ScriptHealth(script.rise(), script.fall(), script.initFail());
        }
    }

    /**
     * @param tracked the trackers every instance uses; only the scripts and files named there
     *                are run and watched
     */
    TrackerMonitor(RuntimeDefinitions definitions, List<TrackerSpec> tracked, ScriptExecutor executor,
                   FileWatcher watcher, Scheduler scheduler, Executor loop) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.watcher = Objects.requireNonNull(watcher, "watcher");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.loop = Objects.requireNonNull(loop, "loop");
        Map<String, VrrpScript> scriptDefs = new HashMap<>();
        definitions.scripts().forEach(s -> scriptDefs.put(s.name(), s));
        Map<String, TrackFile> fileDefs = new HashMap<>();
        definitions.files().forEach(f -> fileDefs.put(f.name(), f));
        for (TrackerSpec t : tracked) {
            switch (t) {
                case TrackerSpec.Script s -> scripts.computeIfAbsent(s.name(),
                        n -> new ScriptRun(require(scriptDefs.get(n), "vrrp_script", n)));
                case TrackerSpec.File f -> files.computeIfAbsent(f.name(),
                        n -> require(fileDefs.get(n), "track_file", n));
                case TrackerSpec.Interface i -> { }
            }
        }
    }

    private static <T> T require(T definition, String what, String name) {
        if (definition == null) {
            throw new IllegalArgumentException("tracked " + what + " " + name + " is not defined");
        }
        return definition;
    }

    /** Each tracked script's status before its first run (pending, or failed with init_fail). */
    Map<String, ScriptStatus> initialScriptStatus() {
        Map<String, ScriptStatus> out = new HashMap<>();
        scripts.forEach((name, run) -> out.put(name, run.health.status()));
        return out;
    }

    /** Applies {@code init_file} and reads every tracked file once (starting thread). */
    void prepareFiles() {
        for (TrackFile file : files.values()) {
            OptionalLong init = file.initValue();
            if (init.isPresent()) {
                try {
                    watcher.initialise(file.path(), init.getAsLong() + "\n", file.overwrite());
                } catch (IOException e) {
                    LOG.warn("track_file {}: cannot initialise {}: {}", file.name(), file.path(), e.getMessage());
                }
            }
            fileValues.put(file.name(), valueOf(file, watcher.read(file.path()), 0));
        }
    }

    /** Gives the drivers the files' first values (loop, before the instances start). */
    void attach(List<InstanceDriver> instanceDrivers) {
        this.drivers = List.copyOf(instanceDrivers);
        fileValues.forEach((name, value) -> drivers.forEach(d -> d.fileChanged(name, value)));
    }

    /** Starts every script's first run (loop). */
    void startScripts() {
        scripts.keySet().forEach(this::runScript);
    }

    /** Starts watching the files; their changes are posted to the loop (starting thread). */
    void watchFiles() {
        for (TrackFile file : files.values()) {
            watcher.watch(file.path(), (path, contents) -> loop.execute(() -> fileContents(file, contents)));
        }
    }

    /** No further runs or reports (loop). */
    void stop() {
        stopped = true;
        scripts.values().forEach(run -> {
            if (run.next != null) {
                run.next.cancel();
            }
        });
    }

    /** Stops the executor and the watcher (any thread, after {@link #stop()}). */
    void close() {
        executor.close();
        watcher.close();
    }

    private void runScript(String name) {
        if (stopped) {
            return;
        }
        ScriptRun run = scripts.get(name);
        run.next = scheduler.schedule(run.script.interval().toNanos(), () -> runScript(name));
        if (run.running) {
            LOG.debug("vrrp_script {} is still running; skipping this interval", name);
            return;
        }
        run.running = true;
        executor.run(run.script).whenComplete((outcome, failure) -> loop.execute(() ->
                scriptDone(run, outcome != null ? outcome : ScriptOutcome.timedOut())));
    }

    private void scriptDone(ScriptRun run, ScriptOutcome outcome) {
        run.running = false;
        if (stopped) {
            return;
        }
        Optional<ScriptStatus> changed = run.health.record(outcome);
        changed.ifPresent(status -> LOG.info("VRRP_Script({}) {}", run.script.name(),
                status == ScriptStatus.OK ? "succeeded" : "failed"));
        String text = describe(outcome);
        for (InstanceDriver driver : drivers) {
            driver.scriptChanged(run.script.name(), run.health.status(), text);
        }
    }

    private void fileContents(TrackFile file, Optional<String> contents) {
        if (stopped) {
            return;
        }
        long before = fileValues.getOrDefault(file.name(), 0L);
        long value = valueOf(file, contents, before);
        if (value != before) {
            fileValues.put(file.name(), value);
            LOG.info("track_file {} now holds {}", file.name(), value);
            drivers.forEach(d -> d.fileChanged(file.name(), value));
        }
    }

    private static long valueOf(TrackFile file, Optional<String> contents, long previous) {
        if (contents.isEmpty()) {
            return 0;
        }
        OptionalLong parsed = FileValue.parse(contents.get());
        if (parsed.isEmpty()) {
            LOG.warn("track_file {}: value in {} is out of range; keeping {}", file.name(), file.path(), previous);
            return previous;
        }
        return parsed.getAsLong();
    }

    static String describe(ScriptOutcome outcome) {
        return switch (outcome.kind()) {
            case EXITED -> "exit " + outcome.code();
            case TIMED_OUT -> "timed out";
            case SIGNALLED -> "signal " + outcome.code();
        };
    }
}
