package dev.vigil.linux;

import dev.vigil.common.text.FileName;
import dev.vigil.linux.internal.Libc;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * platform thread. {@link #execInside} moves the whole process (keepalived's
 * {@code net_namespace}). Needs CAP_SYS_ADMIN.
 */
public final class NetNamespace {

    /** Where iproute2 keeps its namespace handles. */
    public static final Path NETNS_DIR = Path.of("/var/run/netns");
    /**
     * The namespace of process 1, the host's own: where keepalived's {@code net_namespace_ipvs}
     * without a name puts the IPVS table ({@code open_ipvs_namespace} in its namespaces.c).
     */
    public static final Path INIT_NAMESPACE = Path.of("/proc/1/ns/net");
    /** The calling thread's own network namespace (/proc/self is the process's first thread). */
    private static final Path THREAD_NAMESPACE = Path.of("/proc/thread-self/ns/net");
    /** The process's own executable, whatever path started it. */
    private static final String SELF_EXE = "/proc/self/exe";
    /** The process's command line, NUL-separated. */
    private static final Path SELF_CMDLINE = Path.of("/proc/self/cmdline");
    /** The first descriptor after standard input, output and error. */
    private static final int FIRST_NON_STANDARD_FD = 3;
    /** CLONE_NEWNET: setns(2) type for network namespaces. */
    private static final int CLONE_NEWNET = 0x4000_0000;
    /** O_RDONLY | O_CLOEXEC. */
    private static final int OPEN_FLAGS = 0x80000;

    private NetNamespace() {
    }

    /** {@code /var/run/netns/NAME}, after checking the name cannot escape the directory. */
    public static Path path(String name) {
        if (!FileName.isPlain(name)) {
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
        return callIn(path(name), task);
    }

    /**
     * As {@link #call}, for a namespace given by its file: {@code /var/run/netns/NAME}, a
     * process's {@code /proc/PID/ns/net}, or {@link #INIT_NAMESPACE}.
     */
    public static <T> T callIn(Path path, Callable<T> task) throws Exception {
        LinuxNative.ensureAvailable("setns(" + path + ")");
        Object[] result = new Object[1];
        Exception[] failure = new Exception[1];
        Thread thread = Thread.ofPlatform().name("vigil-netns-" + path).unstarted(() -> {
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
        enterIn(path(name));
    }

    /**
     * As {@link #enter}, for a namespace given by its file (see {@link #callIn}).
     *
     * @throws IllegalStateException on a virtual thread (it has no OS thread of its own)
     */
    public static void enterIn(Path path) throws NativeException {
        if (Thread.currentThread().isVirtual()) {
            throw new IllegalStateException("setns needs a platform thread; virtual threads move between OS threads");
        }
        LinuxNative.ensureAvailable("setns(" + path + ")");
        enterPath(path);
    }

    /**
     * Whether the calling thread is inside namespace {@code name}: its namespace file and
     * {@code /var/run/netns/NAME} are the same inode. False when there is no such namespace.
     */
    public static boolean isCurrent(String name) throws IOException {
        Path path = path(name);
        try {
            return sameFile(THREAD_NAMESPACE, path);
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private static boolean sameFile(Path a, Path b) throws IOException {
        return Files.getAttribute(a, "unix:dev").equals(Files.getAttribute(b, "unix:dev"))
                && Files.getAttribute(a, "unix:ino").equals(Files.getAttribute(b, "unix:ino"));
    }

    /**
     * Moves the whole process into namespace {@code name}: the calling thread enters it, then
     * execs this process's own executable with its own command line, {@code jvmOptions} put
     * after the command (this is a JVM started by the java launcher), and {@code environment}.
     * After execve(2) the process is that one thread, so every thread the new program starts,
     * and {@code /proc/self/net}, are inside. The pid stays; descriptors other than 0-2 do not.
     * Returns only by throwing.
     *
     * @throws NativeException when the namespace cannot be entered or the exec fails
     */
    public static void execInside(String name, Map<String, String> environment, List<String> jvmOptions)
            throws NativeException, IOException {
        Objects.requireNonNull(environment, "environment");
        List<String> argv = new ArrayList<>(commandLine(Files.readAllBytes(SELF_CMDLINE)));
        // Right after the java command the launcher reads JVM options, whatever follows.
        argv.addAll(1, jvmOptions);
        List<String> envp = new ArrayList<>();
        environment.forEach((key, value) -> envp.add(key + "=" + value));
        enter(name);
        // The JDK opens files (the class path's jars, say) without O_CLOEXEC: none of them is
        // the new process's business. A kernel before 5.11 has no close_range and leaves them
        // open, which the new JVM does not mind.
        Libc.closeOnExecFrom(FIRST_NON_STANDARD_FD);
        Libc.execve(SELF_EXE, argv, envp, "execve(" + SELF_EXE + ") inside network namespace " + name);
    }

    /** The arguments of a {@code /proc/PID/cmdline}: NUL-terminated strings. */
    static List<String> commandLine(byte[] cmdline) {
        List<String> argv = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < cmdline.length; i++) {
            if (cmdline[i] == 0) {
                argv.add(new String(cmdline, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (start < cmdline.length) {
            argv.add(new String(cmdline, start, cmdline.length - start, StandardCharsets.UTF_8));
        }
        return List.copyOf(argv);
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
