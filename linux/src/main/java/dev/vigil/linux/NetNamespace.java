package dev.vigil.linux;

import dev.vigil.linux.internal.Libc;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * Runs code inside a named network namespace (the ones {@code ip netns add NAME} creates
 * under {@code /var/run/netns}).
 *
 * <p>setns(2) switches only the calling OS thread. Sockets keep the namespace they were
 * created in, so the pattern is: create sockets inside {@link #call}, use them from any
 * thread afterwards. {@link #call} runs the task on a fresh platform thread that enters
 * the namespace and ends with the task, so no pooled or virtual thread is ever left in a
 * foreign namespace. Threads the task starts inherit the namespace: keep pools (such as
 * the common ForkJoinPool, which starts workers from the submitting thread) out of the
 * task. {@link #enter} switches the calling thread for good and is meant for a dedicated
 * platform thread. Needs CAP_SYS_ADMIN.
 */
public final class NetNamespace {

    /** Where iproute2 keeps its namespace handles. */
    public static final Path NETNS_DIR = Path.of("/var/run/netns");
    /** CLONE_NEWNET: setns(2) type for network namespaces. */
    private static final int CLONE_NEWNET = 0x4000_0000;
    /** O_RDONLY | O_CLOEXEC. */
    private static final int OPEN_FLAGS = 0x80000;

    private NetNamespace() {
    }

    /** {@code /var/run/netns/NAME}, after checking the name cannot escape the directory. */
    public static Path path(String name) {
        if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("not a namespace name: '" + name + "'");
        }
        return NETNS_DIR.resolve(name);
    }

    /**
     * Runs {@code task} on a new platform thread inside namespace {@code name} and returns
     * its result. The task's own exception is rethrown unchanged.
     *
     * @throws NativeException when the namespace cannot be opened or entered
     */
    public static <T> T call(String name, Callable<T> task) throws Exception {
        Path path = path(name);
        LinuxNative.ensureAvailable("setns(" + path + ")");
        Object[] result = new Object[1];
        Exception[] failure = new Exception[1];
        Thread thread = Thread.ofPlatform().name("vigil-netns-" + name).unstarted(() -> {
            try {
                enterPath(path);
                result[0] = task.call();
            } catch (Exception e) {
                failure[0] = e;
            }
        });
        thread.start();
        thread.join();
        if (failure[0] != null) {
            throw failure[0];
        }
        @SuppressWarnings("unchecked")
        T value = (T) result[0];
        return value;
    }

    /** Runs {@code task} inside namespace {@code name} on a new platform thread. */
    public static void run(String name, ThrowingRunnable task) throws Exception {
        call(name, () -> {
            task.run();
            return null;
        });
    }

    /**
     * Moves the calling thread into namespace {@code name} for the rest of its life.
     *
     * @throws IllegalStateException on a virtual thread (it has no OS thread of its own)
     */
    public static void enter(String name) throws NativeException {
        if (Thread.currentThread().isVirtual()) {
            throw new IllegalStateException("setns needs a platform thread; virtual threads move between OS threads");
        }
        Path path = path(name);
        LinuxNative.ensureAvailable("setns(" + path + ")");
        enterPath(path);
    }

    private static void enterPath(Path path) throws NativeException {
        int fd = Libc.open(path.toString(), OPEN_FLAGS);
        try {
            Libc.setns(fd, CLONE_NEWNET, "setns(" + path + ", CLONE_NEWNET)");
        } finally {
            Libc.close(fd);
        }
    }

    /** A task without a result that may throw. */
    @FunctionalInterface
    public interface ThrowingRunnable {
        /** Runs the task. */
        void run() throws Exception;
    }
}
