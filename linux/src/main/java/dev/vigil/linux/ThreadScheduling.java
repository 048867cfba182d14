package dev.vigil.linux;

import dev.vigil.linux.internal.Libc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The scheduling of single threads of this process, by Linux thread id, and the memory
 * locking of the whole process: what keepalived's {@code *_priority}, {@code *_rt_priority},
 * {@code *_cpu_affinity} and {@code *_no_swap} settings do to its VRRP and checker processes,
 * applied here to the threads of one subsystem (Linux schedules threads, and nice values,
 * policies and affinities are per thread). Every failure names the call, the errno and the
 * capability it needs.
 */
public final class ThreadScheduling {

    /** sched(7): the round-robin realtime policy keepalived uses. */
    private static final int SCHED_RR = 2;
    private static final int SCHED_OTHER = 0;
    /** proc(5): the nice value is field 19 of stat, index 16 of the fields after the command name. */
    private static final int NICE_INDEX = 16;
    /**
     * sched(7): processes the thread starts (notify and track scripts) begin with the normal
     * policy and nice value, as keepalived's scripts do.
     */
    private static final int SCHED_RESET_ON_FORK = 0x4000_0000;
    /** setpriority(2): {@code who} is a process id, on Linux also a thread id. */
    private static final int PRIO_PROCESS = 0;
    /** mlockall(2): lock what is mapped now and later, each page when first touched (Linux 4.4). */
    private static final int MCL_CURRENT_FUTURE_ONFAULT = 1 | 2 | 4;
    /** cpu_set_t of the C library: 1024 CPUs. */
    private static final int CPU_SET_BYTES = 128;
    public static final int MAX_CPU = CPU_SET_BYTES * 8 - 1;
    private static final Path TASKS = Path.of("/proc/self/task");

    /** A thread of this process: its Linux id and its name (the first 15 bytes of the Java name). */
    public record ProcessThread(int tid, String name) {
    }

    private ThreadScheduling() {
    }

    /** The Linux thread id of the calling thread. */
    public static int currentThreadId() {
        return Libc.gettid();
    }

    /** The threads of this process now, from {@code /proc/self/task}; threads that end meanwhile are left out. */
    public static List<ProcessThread> threads() {
        List<ProcessThread> threads = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(TASKS)) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip();
                    threads.add(new ProcessThread(Integer.parseInt(task.getFileName().toString()), name));
                } catch (NoSuchFileException ended) {
                    // the thread ended between the listing and the read
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + TASKS, e);
        }
        return threads;
    }

    /** setpriority(2): the nice value (-20 … 19) of thread {@code tid}; below 0 needs CAP_SYS_NICE. */
    public static void setNice(int tid, int nice) throws NativeException {
        Libc.setpriority(PRIO_PROCESS, tid, nice, "setpriority(thread " + tid + ", nice " + nice + ")",
                Capability.CAP_SYS_NICE);
    }

    /**
     * sched_setscheduler(2): SCHED_RR at {@code priority} (1 … 99) for thread {@code tid},
     * with SCHED_RESET_ON_FORK so the scripts it starts do not run realtime.
     */
    public static void setRealtime(int tid, int priority) throws NativeException {
        Libc.schedSetscheduler(tid, SCHED_RR | SCHED_RESET_ON_FORK, priority,
                "sched_setscheduler(thread " + tid + ", SCHED_RR, " + priority + ")", Capability.CAP_SYS_NICE);
    }

    /** sched_setscheduler(2): back to the normal policy (SCHED_OTHER) for thread {@code tid}. */
    public static void setNormal(int tid) throws NativeException {
        Libc.schedSetscheduler(tid, SCHED_OTHER, 0, "sched_setscheduler(thread " + tid + ", SCHED_OTHER, 0)",
                Capability.CAP_SYS_NICE);
    }

    /** The nice value of thread {@code tid} (field 19 of {@code /proc/self/task/TID/stat}). */
    public static int nice(int tid) {
        Path stat = TASKS.resolve(Integer.toString(tid)).resolve("stat");
        try {
            String text = Files.readString(stat);
            return Integer.parseInt(text.substring(text.lastIndexOf(')') + 2).split(" ")[NICE_INDEX]);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + stat, e);
        }
    }

    /** sched_setaffinity(2): thread {@code tid} runs only on {@code cpus} (0 … {@link #MAX_CPU}). */
    public static void setAffinity(int tid, Set<Integer> cpus) throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment mask = arena.allocate(CPU_SET_BYTES, 8);
            for (int cpu : cpus) {
                if (cpu < 0 || cpu > MAX_CPU) {
                    throw new IllegalArgumentException("no CPU " + cpu + " in a cpu_set_t");
                }
                long offset = (cpu / 64) * 8L;
                mask.set(ValueLayout.JAVA_LONG, offset, mask.get(ValueLayout.JAVA_LONG, offset) | 1L << (cpu % 64));
            }
            Libc.schedSetaffinity(tid, mask, "sched_setaffinity(thread " + tid + ", CPUs " + cpus + ")",
                    Capability.CAP_SYS_NICE);
        }
    }

    /**
     * mlockall(2) with MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT, as keepalived's {@code no_swap}:
     * pages are locked as they are touched, so the JVM's reserved but unused memory is not
     * made resident. Beyond RLIMIT_MEMLOCK it needs CAP_IPC_LOCK (ENOMEM otherwise).
     */
    public static void lockMemory() throws NativeException {
        try {
            Libc.mlockall(MCL_CURRENT_FUTURE_ONFAULT, "mlockall(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)",
                    Capability.CAP_IPC_LOCK);
        } catch (NativeException e) {
            if (e.is(Errno.ENOMEM)) {
                throw new NativeException(e.operation(), e.errno(), Capability.CAP_IPC_LOCK,
                        "RLIMIT_MEMLOCK is too small (raise it, e.g. LimitMEMLOCK=infinity, or grant CAP_IPC_LOCK)");
            }
            throw e;
        }
    }
}
