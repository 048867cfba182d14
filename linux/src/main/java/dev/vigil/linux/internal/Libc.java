package dev.vigil.linux.internal;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.vigil.linux.Capability;
import dev.vigil.linux.NativeException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.List;

/**
 * Downcalls into the C library, each capturing {@code errno} at the call
 * ({@link Linker.Option#captureCallState}). Every wrapper returns the call's result, or
 * throws {@link NativeException} naming the operation, the errno and the capability the
 * call needs when it failed with EPERM/EACCES.
 *
 * <p>The method handles are immutable and bound once when this class initialises; that
 * fails on a platform without these symbols, which {@code LinuxNative}'s probe reports.
 * Callers pass memory they own; the only memory allocated here is per call (the errno
 * capture buffer, C strings), in a confined arena closed before returning.
 */
public final class Libc {

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO =
            CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private static final MethodHandle SOCKET = downcall("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle CLOSE = downcall("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle BIND = downcall("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle SETSOCKOPT = downcall("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle GETSOCKNAME = downcall("getsockname",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle SENDTO = downcall("sendto",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle SENDMSG = downcall("sendmsg", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle RECVMSG = downcall("recvmsg", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle POLL = downcall("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle EVENTFD = downcall("eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle WRITE = downcall("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle IF_NAMETOINDEX = downcall("if_nametoindex", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle SETNS = downcall("setns", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle OPEN = downcall("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle CLOSE_RANGE = downcall("close_range",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle EXECVE = downcall("execve",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
    private static final MethodHandle GETTID = downcall("gettid", FunctionDescriptor.of(JAVA_INT));
    private static final MethodHandle SETPRIORITY = downcall("setpriority",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle SCHED_SETSCHEDULER = downcall("sched_setscheduler",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle SCHED_SETAFFINITY = downcall("sched_setaffinity",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS));
    private static final MethodHandle MLOCKALL = downcall("mlockall", FunctionDescriptor.of(JAVA_INT, JAVA_INT));

    private Libc() {
    }

    /** Restricted (native access); callers run with --enable-native-access. */
    @SuppressWarnings("restricted")
    private static MethodHandle downcall(String name, FunctionDescriptor descriptor) {
        MemorySegment symbol = LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("libc has no symbol " + name));
        return LINKER.downcallHandle(symbol, descriptor, Linker.Option.captureCallState("errno"));
    }

    /** socket(2). */
    public static int socket(int domain, int type, int protocol, String operation, Capability capability)
            throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE_LAYOUT);
            int result = (int) SOCKET.invokeExact(state, domain, type, protocol);
            return check(result, state, operation, capability);
        } catch (NativeException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** close(2); errors are reported, except that the descriptor is gone either way. */
    public static void close(int fd) throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE_LAYOUT);
            int result = (int) CLOSE.invokeExact(state, fd);
            check(result, state, "close", null);
        } catch (NativeException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** bind(2) to the socket address in {@code address} (its whole size). */
    public static void bind(int fd, MemorySegment address, String operation, Capability capability)
            throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE_LAYOUT);
            int result = (int) BIND.invokeExact(state, fd, address, (int) address.byteSize());
            check(result, state, operation, capability);
        } catch (NativeException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** setsockopt(2) with the option value in {@code value} (its whole size). */
    public static void setsockopt(int fd, int level, int name, MemorySegment value, String operation,
            Capability capability) throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE_LAYOUT);
            int result = (int) SETSOCKOPT.invokeExact(state, fd, level, name, value, (int) value.byteSize());
            check(result, state, operation, capability);
        } catch (NativeException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** setsockopt(2) with an {@code int} value. */
    public static void setsockoptInt(int fd, int level, int name, int value, String operation,
            Capability capability) throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            setsockopt(fd, level, name, arena.allocateFrom(JAVA_INT, value), operation, capability);
        }
    }

    /** getsockname(2) into {@code address}; returns the length the kernel wrote. */
    public static int getsockname(int fd, MemorySegment address, String operation) throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment length = arena.allocateFrom(JAVA_INT, (int) address.byteSize());
            int result = (int) GETSOCKNAME.invokeExact(state, fd, address, length);
            check(result, state, operation, null);
            return length.get(JAVA_INT, 0);
        } catch (NativeException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** sendto(2) of the whole {@code data} segment; returns the bytes sent. */
    public static long sendto(int fd, MemorySegment data, MemorySegment address, String operation,
            Capability capability) throws NativeException {
        return sendto(fd, data, address, 0, operation, capability);
    }

    /** sendto(2) of the whole {@code data} segment with {@code flags} (e.g. MSG_DONTWAIT). */
    public static long sendto(int fd, MemorySegment data, MemorySegment address, int flags, String operation,
            Capability capability) throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE_LAYOUT);
            long result = (long) SENDTO.invokeExact(state, fd, data, data.byteSize(), flags, address,
                    (int) address.byteSize());
            return check(result, state, operation, capability);
        } catch (NativeException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** sendmsg(2); returns the bytes sent. */
    public static long sendmsg(int fd, MemorySegment msghdr, String operation, Capability capability)
            throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE_LAYOUT);
            long result = (long) SENDMSG.invokeExact(state, fd, msghdr, 0);
            return check(result, state, operation, capability);
        } catch (NativeException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * recvmsg(2) with {@code flags}; returns the bytes received, or -1 when the socket
     * had nothing ({@code EAGAIN}, only possible with {@code MSG_DONTWAIT}).
     */
    public static long recvmsg(int fd, MemorySegment msghdr, int flags, String operation) throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE_LAYOUT);
            long result = (long) RECVMSG.invokeExact(state, fd, msghdr, flags);
            if (result < 0 && errno(state) == EAGAIN) {
                return -1;
            }
            return check(result, state, operation, null);
        } catch (NativeException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** poll(2); returns the number of ready descriptors, 0 on timeout, -1 on EINTR. */
    public static int poll(MemorySegment pollfds, int count, int timeoutMillis) throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE_LAYOUT);
            int result = (int) POLL.invokeExact(state, pollfds, (long) count, timeoutMillis);
            if (result < 0 && errno(state) == EINTR) {
                return -1;
            }
            return check(result, state, "poll", null);
        } catch (NativeException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** eventfd(2). */
    public static int eventfd(int initial, int flags) throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE_LAYOUT);
            int result = (int) EVENTFD.invokeExact(state, initial, flags);
            return check(result, state, "eventfd", null);
        } catch (NativeException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** write(2) of the whole segment; returns the bytes written. */
    public static long write(int fd, MemorySegment data, String operation) throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE_LAYOUT);
            long result = (long) WRITE.invokeExact(state, fd, data, data.byteSize());
            return check(result, state, operation, null);
        } catch (NativeException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** if_nametoindex(3); throws ENODEV (as the C library reports it) when there is no such interface. */
    public static int ifNameToIndex(String name) throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE_LAYOUT);
            int result = (int) IF_NAMETOINDEX.invokeExact(state, arena.allocateFrom(name));
            if (result == 0) {
                throw new NativeException("if_nametoindex(" + name + ")", errno(state), null);
            }
            return result;
        } catch (NativeException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** setns(2) for the calling thread. */
    public static void setns(int fd, int nsType, String operation) throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE_LAYOUT);
            int result = (int) SETNS.invokeExact(state, fd, nsType);
            check(result, state, operation, Capability.CAP_SYS_ADMIN);
        } catch (NativeException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** open(2) without O_CREAT (so no mode argument). */
    public static int open(String path, int flags) throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE_LAYOUT);
            int result = (int) OPEN.invokeExact(state, arena.allocateFrom(path), flags);
            return check(result, state, "open(" + path + ")", null);
        } catch (NativeException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * execve(2): replaces the whole process (every thread) with {@code path} run with
     * {@code argv} and {@code envp} ("NAME=value" strings). Returns only by throwing.
     */
    public static void execve(String path, List<String> argv, List<String> envp, String operation)
            throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE_LAYOUT);
            int result = (int) EXECVE.invokeExact(state, arena.allocateFrom(path), nullTerminated(arena, argv),
                    nullTerminated(arena, envp));
            check(result, state, operation, null);
            throw new IllegalStateException(operation + " returned " + result + " without failing");
        } catch (NativeException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** close_range(2) flag: mark the descriptors close-on-exec instead of closing them. */
    private static final int CLOSE_RANGE_CLOEXEC = 1 << 2;

    /**
     * close_range(first, ~0U, CLOSE_RANGE_CLOEXEC) (Linux 5.11+): every descriptor from
     * {@code first} on is closed by the next execve(2), whoever opened it. False when the
     * kernel could not (before 5.11: ENOSYS).
     */
    public static boolean closeOnExecFrom(int first) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE_LAYOUT);
            return (int) CLOSE_RANGE.invokeExact(state, first, -1, CLOSE_RANGE_CLOEXEC) == 0;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** A C array of pointers to {@code strings}, ending with NULL (argv, envp). */
    private static MemorySegment nullTerminated(Arena arena, List<String> strings) {
        MemorySegment array = arena.allocate(ADDRESS, strings.size() + 1L);
        for (int i = 0; i < strings.size(); i++) {
            array.setAtIndex(ADDRESS, i, arena.allocateFrom(strings.get(i)));
        }
        array.setAtIndex(ADDRESS, strings.size(), MemorySegment.NULL);
        return array;
    }

    /** gettid(2): the Linux thread id of the calling thread. */
    public static int gettid() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE_LAYOUT);
            return (int) GETTID.invokeExact(state);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** setpriority(2) with PRIO_PROCESS: on Linux, {@code who} may name one thread (its tid). */
    public static void setpriority(int which, int who, int priority, String operation, Capability capability)
            throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE_LAYOUT);
            int result = (int) SETPRIORITY.invokeExact(state, which, who, priority);
            check(result, state, operation, capability);
        } catch (NativeException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** sched_setscheduler(2) for thread {@code tid} with {@code struct sched_param { int sched_priority; }}. */
    public static void schedSetscheduler(int tid, int policy, int priority, String operation, Capability capability)
            throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment param = arena.allocate(JAVA_INT);
            param.set(JAVA_INT, 0, priority);
            int result = (int) SCHED_SETSCHEDULER.invokeExact(state, tid, policy, param);
            check(result, state, operation, capability);
        } catch (NativeException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** sched_setaffinity(2) for thread {@code tid}; {@code mask} is a cpu_set_t. */
    public static void schedSetaffinity(int tid, MemorySegment mask, String operation, Capability capability)
            throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE_LAYOUT);
            int result = (int) SCHED_SETAFFINITY.invokeExact(state, tid, mask.byteSize(), mask);
            check(result, state, operation, capability);
        } catch (NativeException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** mlockall(2). */
    public static void mlockall(int flags, String operation, Capability capability) throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE_LAYOUT);
            int result = (int) MLOCKALL.invokeExact(state, flags);
            check(result, state, operation, capability);
        } catch (NativeException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** EINTR: a signal interrupted the call. */
    private static final int EINTR = 4;
    /** EAGAIN: a non-blocking call found nothing to do. */
    private static final int EAGAIN = 11;

    private static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    private static int check(int result, MemorySegment state, String operation, Capability capability)
            throws NativeException {
        if (result < 0) {
            throw new NativeException(operation, errno(state), capability);
        }
        return result;
    }

    private static long check(long result, MemorySegment state, String operation, Capability capability)
            throws NativeException {
        if (result < 0) {
            throw new NativeException(operation, errno(state), capability);
        }
        return result;
    }
}
