package dev.vigil.vrrp.runtime;

import dev.vigil.common.time.Scheduler;
import dev.vigil.common.time.Scheduler.Cancellable;
import dev.vigil.common.text.FileValue;
import dev.vigil.vrrp.track.ScriptHealth;
import dev.vigil.vrrp.track.ScriptOutcome;
import dev.vigil.vrrp.track.ScriptStatus;
import dev.vigil.vrrp.track.TrackerSpec;
import java.io.IOException;
import java.util.ArrayList;
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
    private final Map<String, Cancellable> watches = new HashMap<>();
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
        /** A reload dropped or replaced the script: its run in flight is ignored. */
        boolean retired;
        Cancellable next;

        ScriptRun(VrrpScript script) {
            this.script = script;
            this.health = new ScriptHealth(script.rise(), script.fall(), script.initFail());
        }

        /** A changed definition of a script that ran: it continues from the old verdict. */
        ScriptRun(VrrpScript script, ScriptRun previous) {
            this.script = script;
            this.health = ScriptHealth.continuing(script.rise(), script.fall(), script.initFail(),
                    previous.health.status());
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
        wantedScripts(definitions, tracked).forEach((name, script) -> scripts.put(name, new ScriptRun(script)));
        files.putAll(wantedFiles(definitions, tracked));
    }

    /** The scripts {@code tracked} names, by name, in first-use order. */
    private static Map<String, VrrpScript> wantedScripts(RuntimeDefinitions definitions, List<TrackerSpec> tracked) {
        Map<String, VrrpScript> defs = new HashMap<>();
        definitions.scripts().forEach(s -> defs.put(s.name(), s));
        Map<String, VrrpScript> out = new LinkedHashMap<>();
        tracked.stream().filter(t -> t instanceof TrackerSpec.Script)
                .forEach(t -> out.computeIfAbsent(t.name(), n -> require(defs.get(n), "vrrp_script", n)));
        return out;
    }

    /** The files {@code tracked} names, by name, in first-use order. */
    private static Map<String, TrackFile> wantedFiles(RuntimeDefinitions definitions, List<TrackerSpec> tracked) {
        Map<String, TrackFile> defs = new HashMap<>();
        definitions.files().forEach(f -> defs.put(f.name(), f));
        Map<String, TrackFile> out = new LinkedHashMap<>();
        tracked.stream().filter(t -> t instanceof TrackerSpec.File)
                .forEach(t -> out.computeIfAbsent(t.name(), n -> require(defs.get(n), "track_file", n)));
        return out;
    }

    /**
     * What {@link #reconfigure} did.
     *
     * @param scriptsKept    scripts that run on, with their rise/fall state
     * @param scriptsStarted new or changed scripts, started as at startup
     * @param scriptsStopped scripts no longer tracked, or replaced by a changed definition
     * @param filesKept      files still watched with their value
     * @param filesStarted   new or changed files, initialised, read and watched
     * @param filesStopped   files no longer watched
     */
    record Change(List<String> scriptsKept, List<String> scriptsStarted, List<String> scriptsStopped,
                  List<String> filesKept, List<String> filesStarted, List<String> filesStopped) {
        Change {
            scriptsKept = List.copyOf(scriptsKept);
            scriptsStarted = List.copyOf(scriptsStarted);
            scriptsStopped = List.copyOf(scriptsStopped);
            filesKept = List.copyOf(filesKept);
            filesStarted = List.copyOf(filesStarted);
            filesStopped = List.copyOf(filesStopped);
        }
    }

    /**
     * A reload (loop): scripts whose definition is unchanged but for its weight keep running
     * with their rise/fall state, and unchanged files keep their watch and value; dropped ones
     * stop; new ones are set up as at startup (but {@code init_file} only writes a missing file,
     * here and for kept files, overwrite or not), and changed ones too but continuing from their
     * last verdict ({@link ScriptHealth#continuing}); their first runs start with
     * {@link #startScripts(List)}. Give the new drivers with {@link #drivers} afterwards.
     *
     * @throws IllegalArgumentException for a tracker naming an undefined script or file (nothing changed)
     */
    Change reconfigure(RuntimeDefinitions definitions, List<TrackerSpec> tracked) {
        Map<String, VrrpScript> wantScripts = wantedScripts(definitions, tracked);
        Map<String, TrackFile> wantFiles = wantedFiles(definitions, tracked);
        List<String> kept = new ArrayList<>();
        List<String> started = new ArrayList<>();
        List<String> stopped = new ArrayList<>();
        Map<String, ScriptRun> old = new LinkedHashMap<>(scripts);
        scripts.clear();
        wantScripts.forEach((name, script) -> {
            ScriptRun run = old.get(name);
            if (run != null && sameRun(run.script, script)) {
                old.remove(name);
                scripts.put(name, run);
                kept.add(name);
            } else {
                scripts.put(name, run == null ? new ScriptRun(script) : new ScriptRun(script, run));
                started.add(name);
            }
        });
        old.forEach((name, run) -> {
            run.retired = true;
            if (run.next != null) {
                run.next.cancel();
            }
            stopped.add(name);
        });
        List<String> filesKept = new ArrayList<>();
        List<String> filesStarted = new ArrayList<>();
        List<String> filesStopped = new ArrayList<>();
        for (Map.Entry<String, TrackFile> was : List.copyOf(files.entrySet())) {
            if (!was.getValue().equals(wantFiles.get(was.getKey()))) {
                files.remove(was.getKey());
                fileValues.remove(was.getKey());
                Optional.ofNullable(watches.remove(was.getKey())).ifPresent(Cancellable::cancel);
                filesStopped.add(was.getKey());
            }
        }
        for (TrackFile file : wantFiles.values()) {
            if (files.containsKey(file.name())) {
                filesKept.add(file.name());
                initialise(file, true); // a kept file that went missing is written again
                continue;
            }
            files.put(file.name(), file);
            prepare(file, true);
            watch(file);
            filesStarted.add(file.name());
            filesStopped.remove(file.name());
        }
        return new Change(kept, started, stopped, filesKept, filesStarted, filesStopped);
    }

    /** Whether two definitions run the same way (the weight only matters to the instances). */
    private static boolean sameRun(VrrpScript a, VrrpScript b) {
        return a.withWeight(b.weight()).equals(b);
    }

    /** Each tracked file's current value (loop). */
    Map<String, Long> fileValues() {
        return Map.copyOf(fileValues);
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
        files.values().forEach(file -> prepare(file, false));
    }

    private void prepare(TrackFile file, boolean reload) {
        initialise(file, reload);
        fileValues.put(file.name(), valueOf(file, watcher.read(file.path()), 0));
    }

    /**
     * {@code init_file}: writes the value when the file is missing, or with {@code overwrite}
     * at start only; keepalived does not overwrite a file at a reload.
     */
    private void initialise(TrackFile file, boolean reload) {
        OptionalLong init = file.initValue();
        if (init.isPresent()) {
            try {
                watcher.initialise(file.path(), init.getAsLong(), file.overwrite() && !reload);
            } catch (IOException e) {
                LOG.warn("track_file {}: cannot initialise {}: {}", file.name(), file.path(), e.getMessage());
            }
        }
    }

    /** Gives the drivers the files' first values (loop, before the instances start). */
    void attach(List<InstanceDriver> instanceDrivers) {
        this.drivers = List.copyOf(instanceDrivers);
        fileValues.forEach((name, value) -> drivers.forEach(d -> d.fileChanged(name, value)));
    }

    /** From now on script results and file changes go to {@code instanceDrivers} (loop, at a reload). */
    void drivers(List<InstanceDriver> instanceDrivers) {
        this.drivers = List.copyOf(instanceDrivers);
    }

    /** Starts every script's first run (loop). */
    void startScripts() {
        scripts.keySet().forEach(this::runScript);
    }

    /** Starts the first runs of these scripts (loop, after a reload added them). */
    void startScripts(List<String> names) {
        names.forEach(this::runScript);
    }

    /** Starts watching the files; their changes are posted to the loop (starting thread). */
    void watchFiles() {
        files.values().forEach(this::watch);
    }

    private void watch(TrackFile file) {
        watches.put(file.name(), watcher.watch(file.path(),
                (path, contents) -> loop.execute(() -> fileContents(file, contents))));
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
        ScriptRun run = scripts.get(name);
        if (stopped || run == null || run.retired) {
            return;
        }
        run.next = scheduler.schedule(run.script.interval().toNanos(), () -> {
            if (scripts.get(name) == run) {
                runScript(name);
            }
        });
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
        if (stopped || run.retired) {
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
        if (stopped || files.get(file.name()) != file) {
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
