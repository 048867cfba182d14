package dev.vigil.ipvs.userspace;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The socket system calls of the epoll relay, as downcalls into the C library (Linux,
 * x86-64 and arm64 numbering). Every call returns its result when it succeeded and
 * {@code -errno} when it failed — no exception, so the hot path never builds a stack trace
 * for an expected condition (EAGAIN, a peer's reset).
 *
 * <p>One instance per thread that calls it: the errno capture buffer and the option
 * scratch belong to the instance. An event loop owns one (in its {@link RelayLoop}); the
 * configuration thread makes its own while binding listeners.
 */
final class NativeSockets {

    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int SOCK_STREAM = 1;
    static final int SOCK_NONBLOCK = 0x800;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int SOL_SOCKET = 1;
    static final int SO_REUSEADDR = 2;
    static final int SO_ERROR = 4;
    static final int SO_LINGER = 13;
    static final int SO_REUSEPORT = 15;
    static final int SOL_IP = 0;
    static final int IP_FREEBIND = 15;
    static final int IPPROTO_TCP = 6;
    static final int TCP_NODELAY = 1;
    static final int SHUT_WR = 1;
    /** send(2) flag: report EPIPE instead of raising SIGPIPE. */
    static final int MSG_NOSIGNAL = 0x4000;
    /** send(2): more data (or a FIN) follows at once; hold a partial segment back for it. */
    static final int MSG_MORE = 0x8000;

    static final int EINTR = 4;
    static final int EAGAIN = 11;
    static final int EINPROGRESS = 115;
    static final int ECONNREFUSED = 111;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private static final MethodHandle SOCKET = downcall("socket",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle CONNECT = downcall("connect",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle BIND = downcall("bind",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle LISTEN = downcall("listen",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle ACCEPT4 = downcall("accept4",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
    private static final MethodHandle RECV = downcall("recv",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle SEND = downcall("send",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle SHUTDOWN = downcall("shutdown",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle SETSOCKOPT = downcall("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle GETSOCKOPT = downcall("getsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));

    /** errno of the last call (written by the downcall). */
    private final MemorySegment capture;
    /** Option values and lengths: an int at 0, a struct linger at 8, a socklen_t at 16. */
    private final MemorySegment option;

    NativeSockets(Arena arena) {
        this.capture = arena.allocate(CAPTURE_LAYOUT);
        this.option = arena.allocate(24, 8);
    }

    /** Restricted (native access); the forwarder runs with --enable-native-access. */
    @SuppressWarnings("restricted")
    private static MethodHandle downcall(String name, FunctionDescriptor descriptor) {
        MemorySegment symbol = LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("libc has no symbol " + name));
        return LINKER.downcallHandle(symbol, descriptor, Linker.Option.captureCallState("errno"));
    }

    private int errno() {
        return (int) ERRNO.get(capture, 0L);
    }

    private int result(int value) {
        return value < 0 ? -errno() : value;
    }

    private long result(long value) {
        return value < 0 ? -errno() : value;
    }

    /** A non-blocking, close-on-exec TCP socket of {@code family}. */
    int tcpSocket(int family) {
        try {
            return result((int) SOCKET.invokeExact(capture, family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    int connect(int fd, MemorySegment address, int length) {
        try {
            int r;
            do {
                r = result((int) CONNECT.invokeExact(capture, fd, address, length));
            } while (r == -EINTR);
            return r;
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    int bind(int fd, MemorySegment address, int length) {
        try {
            return result((int) BIND.invokeExact(capture, fd, address, length));
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    int listen(int fd, int backlog) {
        try {
            return result((int) LISTEN.invokeExact(capture, fd, backlog));
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /**
     * accept4(2), non-blocking and close-on-exec; the peer's address lands in
     * {@code address}, whose size goes in {@code length} (an int, overwritten).
     */
    int accept(int fd, MemorySegment address, MemorySegment length) {
        try {
            int r;
            do {
                length.set(JAVA_INT, 0, (int) address.byteSize());
                r = result((int) ACCEPT4.invokeExact(capture, fd, address, length, SOCK_NONBLOCK | SOCK_CLOEXEC));
            } while (r == -EINTR);
            return r;
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** recv(2) into {@code buffer}: bytes read, 0 at end of stream, or -errno. */
    long recv(int fd, MemorySegment buffer, long length) {
        try {
            long r;
            do {
                r = result((long) RECV.invokeExact(capture, fd, buffer, length, 0));
            } while (r == -EINTR);
            return r;
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** send(2) without SIGPIPE: bytes written or -errno. */
    long send(int fd, MemorySegment buffer, long length) {
        return send(fd, buffer, length, 0);
    }

    /** send(2) without SIGPIPE and with {@code flags} (e.g. {@link #MSG_MORE}): bytes written or -errno. */
    long send(int fd, MemorySegment buffer, long length, int flags) {
        try {
            long r;
            do {
                r = result((long) SEND.invokeExact(capture, fd, buffer, length, MSG_NOSIGNAL | flags));
            } while (r == -EINTR);
            return r;
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    int shutdownOutput(int fd) {
        try {
            return result((int) SHUTDOWN.invokeExact(capture, fd, SHUT_WR));
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    int setInt(int fd, int level, int name, int value) {
        option.set(JAVA_INT, 0, value);
        try {
            return result((int) SETSOCKOPT.invokeExact(capture, fd, level, name, option, 4));
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** SO_LINGER on with a zero timeout: close(2) then sends a RST instead of a FIN. */
    int lingerZero(int fd) {
        MemorySegment linger = option.asSlice(8, 8);
        linger.set(JAVA_INT, 0, 1);
        linger.set(JAVA_INT, 4, 0);
        try {
            return result((int) SETSOCKOPT.invokeExact(capture, fd, SOL_SOCKET, SO_LINGER, linger, 8));
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** The pending error of a socket (SO_ERROR, which reading clears): 0 or an errno, or -errno. */
    int socketError(int fd) {
        MemorySegment length = option.asSlice(16, 4);
        length.set(JAVA_INT, 0, 4);
        try {
            int r = result((int) GETSOCKOPT.invokeExact(capture, fd, SOL_SOCKET, SO_ERROR, option, length));
            return r < 0 ? r : option.get(JAVA_INT, 0);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** invokeExact declares Throwable; the downcalls themselves throw nothing checked. */
    private static RuntimeException unexpected(Throwable t) {
        if (t instanceof Error e) {
            throw e;
        }
        return t instanceof RuntimeException r ? r : new IllegalStateException(t);
    }
}
