package dev.vigil.daemon.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's pid file ({@code -p}, default {@value #DEFAULT}): written at start with the
 * process id and a newline, as keepalived writes it, and removed at stop — but only while it
 * still names this process, so a second daemon that took it over keeps its own.
 *
 * <p>Start is refused when the file names a process that is alive (keepalived's "daemon is
 * already running"); a file naming a dead process, or holding no number, is stale and replaced.
 * The file is written to a temporary name and renamed, so readers never see half a number.
 *
 * <p>Lifecycle: {@link #acquire} → {@link #close()} (idempotent). Not thread-safe.
 */
public final class PidFile implements AutoCloseable {

    /** Vigil's default location (keepalived uses /run/keepalived.pid). */
    public static final String DEFAULT = "/run/vigil/vigil.pid";

    private static final Logger LOG = LoggerFactory.getLogger(PidFile.class);

    private final Path path;
    private final long pid;
    private boolean closed;

    private PidFile(Path path, long pid) {
        this.path = path;
        this.pid = pid;
    }

    /** Thrown when another live process holds the pid file. */
    public static final class HeldException extends Exception {
        private static final long serialVersionUID = 1L;
        private final long holder;

        HeldException(Path path, long holder) {
            super("another daemon (pid " + holder + ") is running with pid file " + path);
            this.holder = holder;
        }

        /** The live process the file names. */
        public long holder() {
            return holder;
        }
    }

    /** Writes this process's id to {@code path}, creating the parent directory when missing. */
    public static PidFile acquire(Path path) throws IOException, HeldException {
        return acquire(path, ProcessHandle.current().pid());
    }

    static PidFile acquire(Path path, long pid) throws IOException, HeldException {
        Optional<Long> holder = read(path);
        if (holder.isPresent() && holder.get() != pid && alive(holder.get())) {
            throw new HeldException(path, holder.get());
        }
        Path parent = path.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = Files.createTempFile(parent, ".vigil-pid", ".tmp");
        try {
            Files.writeString(temporary, pid + "\n", StandardCharsets.US_ASCII);
            try {
                Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
        return new PidFile(path, pid);
    }

    /** The process id a pid file names, if it exists and holds a number. */
    public static Optional<Long> read(Path path) throws IOException {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    public Path path() {
        return path;
    }

    /** Removes the file if it still names this process. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (read(path).map(p -> p == pid).orElse(false)) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // Nothing more to do at exit: the next start treats the file as stale.
            LOG.warn("cannot remove pid file {}: {}", path, e.getMessage());
        }
    }
}
