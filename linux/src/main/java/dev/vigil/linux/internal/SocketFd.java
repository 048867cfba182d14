package dev.vigil.linux.internal;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import dev.vigil.linux.Errno;
import dev.vigil.linux.NativeException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;

/**
 * A socket descriptor plus an eventfd that wakes a receiver blocked in {@link #awaitReadable}.
 *
 * <p>Lifecycle: {@link #close()} may be called from any thread, any number of times. It
 * marks the socket closing and signals the eventfd; a receiver blocked in poll(2) wakes
 * and returns false. The descriptors themselves are released only when no call is in
 * flight ({@link #enter()}/{@link #exit()} bracket every use), so a descriptor number is
 * never closed while another thread still uses it and cannot be recycled under it.
 */
public final class SocketFd implements AutoCloseable {

    /** eventfd(2) flags: EFD_CLOEXEC (0x80000) | EFD_NONBLOCK (0x800). */
    private static final int EFD_FLAGS = 0x80000 | 0x800;
    /** poll(2) event bits from asm-generic/poll.h. */
    private static final short POLLIN = 0x1;
    /** struct pollfd is {int fd; short events; short revents}: 8 bytes. */
    private static final long POLLFD_SIZE = 8;

    private final int fd;
    private final int wakeFd;
    private final Object lock = new Object();
    /** Guarded by lock. */
    private int callsInFlight;
    /** Guarded by lock. */
    private boolean closing;
    /** Guarded by lock. */
    private boolean released;

    private SocketFd(int fd, int wakeFd) {
        this.fd = fd;
        this.wakeFd = wakeFd;
    }

    /** Wraps a freshly created socket; closes it if the eventfd cannot be made. */
    public static SocketFd wrap(int fd) throws NativeException {
        try {
            return new SocketFd(fd, Libc.eventfd(0, EFD_FLAGS));
        } catch (NativeException e) {
            Libc.close(fd);
            throw e;
        }
    }

    /** The socket descriptor; use only between {@link #enter()} and {@link #exit()}. */
    public int fd() {
        return fd;
    }

    /** Starts a call on the descriptor; false when the socket is closed or closing. */
    public boolean enter() {
        synchronized (lock) {
            if (closing) {
                return false;
            }
            callsInFlight++;
            return true;
        }
    }

    /** Ends a call started with a successful {@link #enter()}. */
    public void exit() {
        boolean release;
        synchronized (lock) {
            callsInFlight--;
            release = closing && callsInFlight == 0 && !released;
            released |= release;
        }
        if (release) {
            releaseDescriptors();
        }
    }

    /** A native call on the descriptor. */
    @FunctionalInterface
    public interface Call {
        /** Runs with the open descriptor. */
        void run(int fd) throws NativeException;
    }

    /**
     * Runs {@code call} with the descriptor, keeping it from being released meanwhile.
     *
     * @param description names the socket in the EBADF error thrown when it is closed
     */
    public void use(String description, Call call) throws NativeException {
        if (!enter()) {
            throw new NativeException(description, Errno.EBADF.code(), null, "socket is closed");
        }
        try {
            call.run(fd);
        } finally {
            exit();
        }
    }

    /** True until {@link #close()} is called. */
    public boolean isOpen() {
        synchronized (lock) {
            return !closing;
        }
    }

    /**
     * Waits until the socket is readable. Call between enter() and exit().
     *
     * @param timeout how long to wait; null waits without limit
     * @return true when readable, false on timeout or when the socket was closed meanwhile
     */
    public boolean awaitReadable(Duration timeout) throws NativeException {
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fds = arena.allocate(POLLFD_SIZE * 2, 4);
            while (true) {
                fds.set(JAVA_INT, 0, fd);
                fds.set(JAVA_SHORT, 4, POLLIN);
                fds.set(JAVA_SHORT, 6, (short) 0);
                fds.set(JAVA_INT, 8, wakeFd);
                fds.set(JAVA_SHORT, 12, POLLIN);
                fds.set(JAVA_SHORT, 14, (short) 0);
                int waitMillis = timeout == null ? -1 : remainingMillis(deadline);
                int ready = Libc.poll(fds, 2, waitMillis);
                if (!isOpen() || fds.get(JAVA_SHORT, 14) != 0) {
                    return false;
                }
                if (ready > 0 && fds.get(JAVA_SHORT, 6) != 0) {
                    return true;
                }
                if (ready == 0 && timeout != null && System.nanoTime() >= deadline) {
                    return false;
                }
            }
        }
    }

    private static int remainingMillis(long deadline) {
        long nanos = deadline - System.nanoTime();
        if (nanos <= 0) {
            return 0;
        }
        return (int) Math.min(Integer.MAX_VALUE, (nanos + 999_999) / 1_000_000);
    }

    /** Closes the socket, waking any receiver; idempotent and thread-safe. */
    @Override
    public void close() {
        boolean release;
        synchronized (lock) {
            if (closing) {
                return;
            }
            closing = true;
            release = callsInFlight == 0;
            released |= release;
        }
        signalWake();
        if (release) {
            releaseDescriptors();
        }
    }

    private void signalWake() {
        try (Arena arena = Arena.ofConfined()) {
            Libc.write(wakeFd, arena.allocateFrom(JAVA_LONG, 1L), "write(eventfd)");
        } catch (NativeException e) {
            // The eventfd counter cannot overflow with one write per close; nothing to do.
        }
    }

    private void releaseDescriptors() {
        try {
            Libc.close(fd);
        } catch (NativeException e) {
            // close(2) releases the descriptor even when it reports an error.
        }
        try {
            Libc.close(wakeFd);
        } catch (NativeException e) {
            // Same as above.
        }
    }
}
