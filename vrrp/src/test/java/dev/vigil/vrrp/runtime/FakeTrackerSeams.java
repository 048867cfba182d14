package dev.vigil.vrrp.runtime;

import dev.vigil.common.time.Scheduler;
import dev.vigil.vrrp.track.ScriptOutcome;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Fake {@link ScriptExecutor} and {@link FileWatcher}: tests set exit codes and file contents. Thread-safe. */
final class FakeTrackerSeams {

    private FakeTrackerSeams() {
    }

    /** Every run ends at once with the exit code set for its script (default 0). */
    static final class Scripts implements ScriptExecutor {
        final Map<String, Integer> exitCodes = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        volatile boolean closed;

        void exit(String script, int code) {
            exitCodes.put(script, code);
        }

        int runs(String script) {
            return runs.getOrDefault(script, new AtomicInteger()).get();
        }

        @Override
        public CompletionStage<ScriptOutcome> run(VrrpScript script) {
            runs.computeIfAbsent(script.name(), n -> new AtomicInteger()).incrementAndGet();
            return CompletableFuture.completedFuture(ScriptOutcome.exited(exitCodes.getOrDefault(script.name(), 0)));
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** Files in a map; {@link #set} reports the change to the watcher's listener at once. */
    static final class Files implements FileWatcher {
        final Map<Path, String> contents = new ConcurrentHashMap<>();
        private final Map<Path, Listener> listeners = new ConcurrentHashMap<>();
        volatile boolean closed;

        void set(Path path, String text) {
            contents.put(path, text);
            Listener listener = listeners.get(path);
            if (listener != null) {
                listener.contentsChanged(path, Optional.of(text));
            }
        }

        @Override
        public Optional<String> read(Path path) {
            return Optional.ofNullable(contents.get(path));
        }

        @Override
        public void initialise(Path path, long value, boolean overwrite) {
            if (overwrite) {
                contents.put(path, value + "\n");
            } else {
                contents.putIfAbsent(path, value + "\n");
            }
        }

        @Override
        public Scheduler.Cancellable watch(Path path, Listener listener) {
            listeners.put(path, listener);
            return () -> listeners.remove(path, listener);
        }

        @Override
        public void close() {
            closed = true;
            listeners.clear();
        }
    }
}
