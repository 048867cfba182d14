package dev.vigil.vrrp.runtime;

import dev.vigil.common.text.FileValue;
import dev.vigil.common.time.Scheduler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The real {@link FileWatcher}: one thread reads every watched file once a second and reports
 * changed contents. keepalived uses inotify instead; a poll is simpler, survives the file being
 * replaced by rename (how most tools write it) and costs a read per file per second. Only the
 * first {@value #MAX_BYTES} bytes are read: a {@code track_file} holds one number.
 */
public final class PollingFileWatcher implements FileWatcher {

    /** keepalived reads one short line; a number never needs more. */
    static final int MAX_BYTES = 4096;
    /** How often files are read (keepalived reacts to inotify at once; a second is the budget). */
    private static final long POLL_MILLIS = 1000;

    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("vrrp-track-file").daemon(true).factory());
    /** Confined to the watcher thread. */
    private final Map<Path, Optional<String>> lastSeen = new HashMap<>();

    @Override
    public Optional<String> read(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            return Optional.of(new String(in.readNBytes(MAX_BYTES), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public void initialise(Path path, long value, boolean overwrite) throws IOException {
        FileValue.writeInitial(path, value, overwrite);
    }

    @Override
    public Scheduler.Cancellable watch(Path path, Listener listener) {
        Objects.requireNonNull(listener, "listener");
        Optional<String> initial = read(path);
        thread.execute(() -> lastSeen.put(path, initial));
        ScheduledFuture<?> polling = thread.scheduleWithFixedDelay(() -> poll(path, listener), POLL_MILLIS,
                POLL_MILLIS, TimeUnit.MILLISECONDS);
        return () -> polling.cancel(false);
    }

    private void poll(Path path, Listener listener) {
        Optional<String> now = read(path);
        if (!now.equals(lastSeen.get(path))) {
            lastSeen.put(path, now);
            listener.contentsChanged(path, now);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(POLL_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
