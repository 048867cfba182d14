package dev.vigil.vrrp.runtime;

import dev.vigil.common.time.Scheduler;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads and watches {@code track_file}s for the runtime; {@link PollingFileWatcher} is the
 * real one, tests pass fakes. {@link #read} and {@link #initialise} are called while the runtime
 * starts; the listener given to {@link #watch} is called from the watcher's own thread.
 */
public interface FileWatcher extends AutoCloseable {

    /** The file's contents now; empty when it is missing or unreadable. */
    Optional<String> read(Path path);

    /** {@code init_file}: writes {@code value} unless the file exists and {@code overwrite} is false. */
    void initialise(Path path, long value, boolean overwrite) throws IOException;

    /**
     * Reports {@code path}'s contents whenever they differ from what was last reported or read,
     * until the returned handle is cancelled (a reload that drops the file) or the watcher closed.
     */
    Scheduler.Cancellable watch(Path path, Listener listener);

    /** Stops watching; no listener call follows once this returns. */
    @Override
    void close();

    /** Receives file changes. */
    @FunctionalInterface
    interface Listener {
        /** {@code path} now holds {@code contents} (empty: missing or unreadable). */
        void contentsChanged(Path path, Optional<String> contents);
    }
}
