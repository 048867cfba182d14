package dev.vigil.daemon.alert;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes notify lines to a named pipe ({@code notify_fifo}, {@code vrrp_notify_fifo},
 * {@code lvs_notify_fifo}) without ever blocking the caller.
 *
 * <p>As keepalived does (core/notify.c, {@code fifo_open()}), the FIFO is created with mode 0644
 * when missing (removed again at {@link #close()}), refused unless it is a FIFO owned by this
 * process's user, and opened read-write, so opening never waits for a reader and lines written
 * while no reader is there stay in the pipe buffer for the next reader. keepalived opens it
 * non-blocking and loses a line when the pipe is full; Java cannot open a file non-blocking,
 * so here {@link #write(byte[])} only queues the line and a writer thread writes it: a full
 * pipe stalls that thread, the bounded queue fills, and further lines are dropped and counted
 * ({@link #dropped()}), keeping keepalived's "never wait" contract.
 *
 * <p>The FIFO is created with the {@code mkfifo} program (coreutils), since Java has no mkfifo.
 *
 * <p>Lifecycle: {@link #open} starts the writer thread; {@link #close()} stops it. Thread-safe.
 */
public final class NotifyFifo implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NotifyFifo.class);
    /** keepalived's mkfifo mode: S_IRUSR | S_IWUSR | S_IRGRP | S_IROTH. */
    private static final String FIFO_MODE = "0644";
    /** S_IFMT and S_IFIFO from stat(2). */
    private static final int FILE_TYPE_MASK = 0170000;
    private static final int FILE_TYPE_FIFO = 0010000;
    /** How long {@link #close()} waits for the writer thread. */
    private static final long CLOSE_WAIT_MILLIS = 2_000;

    private final Path path;
    private final boolean created;
    private final FileChannel channel;
    private final BlockingQueue<byte[]> queue;
    private final Thread writer;
    private final LongAdder written = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private volatile boolean closed;

    private NotifyFifo(Path path, boolean created, FileChannel channel, int capacity) {
        this.path = path;
        this.created = created;
        this.channel = channel;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.writer = Thread.ofPlatform().daemon().name("vigil-notify-fifo " + path.getFileName())
                .unstarted(this::drain);
    }

    /**
     * Creates the FIFO at {@code path} if needed and opens it; {@code capacity} lines may wait
     * while the pipe is full.
     *
     * @throws IOException when it cannot be created or opened, or is not a FIFO owned by us
     */
    public static NotifyFifo open(Path path, int capacity) throws IOException {
        Objects.requireNonNull(path, "path");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        boolean created = !Files.exists(path, LinkOption.NOFOLLOW_LINKS) && makeFifo(path);
        FileChannel channel;
        try {
            requireOwnFifo(path);
            channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | RuntimeException e) {
            if (created) {
                Files.deleteIfExists(path);
            }
            throw e;
        }
        NotifyFifo fifo = new NotifyFifo(path, created, channel, capacity);
        fifo.writer.start();
        return fifo;
    }

    /** Queues {@code line} (written as is); false, and counted as dropped, when it cannot be queued. */
    public boolean write(byte[] line) {
        if (closed || !queue.offer(line.clone())) {
            dropped.increment();
            return false;
        }
        return true;
    }

    /** Queues the keepalived line for {@code event}, if it has one; false when none was queued. */
    public boolean write(AlertEvent event) {
        Optional<byte[]> line = NotifyFifoLine.of(event);
        return line.isPresent() && write(line.get());
    }

    /** The pipe this writes to. */
    public Path path() {
        return path;
    }

    /** Lines written to the pipe so far. */
    public long written() {
        return written.sum();
    }

    /** Lines dropped because the queue was full or the FIFO closed. */
    public long dropped() {
        return dropped.sum();
    }

    /** Stops the writer (lines still queued are dropped), closes the pipe, removes it if we created it. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        writer.interrupt();
        try {
            writer.join(CLOSE_WAIT_MILLIS);
            channel.close();
            if (created) {
                Files.deleteIfExists(path);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.info("notify fifo {}: close failed: {}", path, e.toString());
        }
        dropped.add(queue.size());
        queue.clear();
    }

    private void drain() {
        try {
            while (!closed) {
                byte[] line = queue.poll(1, TimeUnit.SECONDS);
                if (line != null) {
                    writeFully(line);
                }
            }
        } catch (InterruptedException | ClosedChannelException e) {
            // close() interrupts the writer; the interrupt also closes the channel.
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.info("notify fifo {} write error: {}", path, e.toString());
        }
    }

    private void writeFully(byte[] line) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(line);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        written.increment();
    }

    private static boolean makeFifo(Path path) throws IOException {
        Process process = new ProcessBuilder("mkfifo", "-m", FIFO_MODE, path.toString())
                .redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (process.waitFor() != 0) {
                throw new IOException("mkfifo " + path + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
            throw new IOException("interrupted while creating " + path, e);
        }
        return true;
    }

    /** keepalived refuses anything but a FIFO owned by its own user (a planted file, a symlink). */
    private static void requireOwnFifo(Path path) throws IOException {
        int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        Object owner = Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        Object self = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        if ((mode & FILE_TYPE_MASK) != FILE_TYPE_FIFO || !owner.equals(self)) {
            throw new IOException(path + " is not a fifo we own - not using");
        }
    }
}
