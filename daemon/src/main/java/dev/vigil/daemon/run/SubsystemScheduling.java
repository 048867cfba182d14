package dev.vigil.daemon.run;

import dev.vigil.conf.model.GlobalDefs;
import dev.vigil.conf.model.ProcessTuning;
import dev.vigil.linux.NativeException;
import dev.vigil.linux.ThreadScheduling;
import dev.vigil.linux.ThreadScheduling.ProcessThread;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * keepalived's {@code vrrp_priority}, {@code vrrp_rt_priority}, {@code vrrp_cpu_affinity} and
 * {@code vrrp_no_swap} (and the {@code checker_*} ones) applied to the threads of Vigil's VRRP
 * and checker subsystems: keepalived sets them on its VRRP and checker processes, Vigil runs one
 * process and sets them per thread (Linux schedules threads). The threads are found by the
 * names Vigil gives them ({@code /proc/self/task/N/comm}, the first 15 bytes):
 *
 * <ul>
 *   <li>VRRP: the event loop ({@code vrrp-loop}), the receive threads ({@code vrrp-rx-…}) and
 *       the link monitor ({@code vrrp-links}): what keeps adverts and failover on time;</li>
 *   <li>checkers: the checker event loops ({@code vigil-check-…}) and the ICMP echo receivers
 *       ({@code vigil-icmp…}).</li>
 * </ul>
 *
 * Realtime threads use SCHED_RR with SCHED_RESET_ON_FORK, so the scripts they start run with
 * the normal policy, as keepalived's do. {@code no_swap} locks the whole process (one process:
 * either subsystem's setting locks it). RLIMIT_RTTIME ({@code *_rlimit_rttime}) is not set: a
 * JVM thread that exceeds it gets SIGXCPU, which ends the JVM.
 *
 * <p>Applied after start and again after every reload, with the reloaded values (a reload may
 * also start receive threads for new interfaces); settings a reload removes are undone. A
 * failed call is logged once per subsystem and call with its errno and the
 * capability it needs (e.g. CAP_SYS_NICE); the daemon runs on without it.
 */
final class SubsystemScheduling {

    private static final Logger LOG = LoggerFactory.getLogger(SubsystemScheduling.class);

    /** A group of threads by name, and what to set on them. */
    record Subsystem(String label, Predicate<String> threadName, ProcessTuning tuning) {
    }

    static Subsystem vrrp(ProcessTuning tuning) {
        return new Subsystem("vrrp", name -> name.equals("vrrp-loop") || name.startsWith("vrrp-rx-")
                || name.equals("vrrp-links"), tuning);
    }

    /** The VRRP and checker subsystems with the settings of {@code globals}. */
    static List<Subsystem> of(GlobalDefs globals) {
        return List.of(vrrp(globals.vrrpTuning()), checker(globals.checkerTuning()));
    }

    static Subsystem checker(ProcessTuning tuning) {
        return new Subsystem("checker", name -> name.startsWith("vigil-check") || name.startsWith("vigil-icmp"),
                tuning);
    }

    /** Guarded by this: failures already logged ("vrrp sched_setscheduler"), and whether memory is locked. */
    private final Set<String> reported = new HashSet<>();
    private boolean locked;
    /** Guarded by this: what the last {@link #apply} set, per subsystem label, so a reload can undo it. */
    private final Map<String, ProcessTuning> applied = new HashMap<>();
    /** The nice value the daemon started with: what a setting a reload removed goes back to. */
    private final int originalNice = ThreadScheduling.nice(ThreadScheduling.currentThreadId());

    /**
     * Applies each subsystem's settings to its threads as they are now; returns how many
     * threads were changed without a failure.
     */
    synchronized int apply(List<Subsystem> subsystems) {
        if (!locked && subsystems.stream().anyMatch(s -> s.tuning().noSwap())) {
            locked = attempt("no_swap", ThreadScheduling::lockMemory);
            if (locked) {
                LOG.info("process locked in memory (no_swap)");
            }
        }
        // The thread list is read only when a setting is given now or was given before (to undo):
        // a configuration without any costs the daemon's start no /proc walk.
        boolean touchesThreads = subsystems.stream().anyMatch(s -> s.tuning().schedulesThreads()
                || applied.getOrDefault(s.label(), ProcessTuning.NONE).schedulesThreads());
        List<ProcessThread> threads = touchesThreads ? ThreadScheduling.threads() : List.of();
        int tuned = 0;
        for (Subsystem subsystem : subsystems) {
            ProcessTuning before = applied.getOrDefault(subsystem.label(), ProcessTuning.NONE);
            applied.put(subsystem.label(), subsystem.tuning());
            undoRemoved(subsystem, before, threads);
            if (!subsystem.tuning().schedulesThreads()) {
                continue;
            }
            for (ProcessThread thread : threads) {
                if (subsystem.threadName().test(thread.name()) && tune(subsystem, thread)) {
                    tuned++;
                }
            }
        }
        return tuned;
    }

    private boolean tune(Subsystem subsystem, ProcessThread thread) {
        ProcessTuning tuning = subsystem.tuning();
        int tid = thread.tid();
        String label = subsystem.label();
        boolean nice = tuning.nice().isEmpty()
                || attempt(label + "_priority", () -> ThreadScheduling.setNice(tid, tuning.nice().get()));
        boolean realtime = tuning.realtimePriority().isEmpty() || attempt(label + "_rt_priority",
                () -> ThreadScheduling.setRealtime(tid, tuning.realtimePriority().get()));
        boolean cpus = tuning.cpus().isEmpty()
                || attempt(label + "_cpu_affinity", () -> ThreadScheduling.setAffinity(tid, tuning.cpus()));
        return nice && realtime && cpus;
    }

    /**
     * A reload that drops {@code *_rt_priority} or {@code *_priority} puts the threads back to
     * the normal policy and the start-up nice value, as keepalived does (CPU affinity stays).
     */
    private void undoRemoved(Subsystem subsystem, ProcessTuning before, List<ProcessThread> threads) {
        ProcessTuning now = subsystem.tuning();
        boolean realtimeGone = before.realtimePriority().isPresent() && now.realtimePriority().isEmpty();
        boolean niceGone = before.nice().isPresent() && now.nice().isEmpty();
        for (ProcessThread thread : threads) {
            if (!subsystem.threadName().test(thread.name())) {
                continue;
            }
            if (realtimeGone) {
                attempt(subsystem.label() + "_rt_priority", () -> ThreadScheduling.setNormal(thread.tid()));
            }
            if (niceGone) {
                attempt(subsystem.label() + "_priority", () -> ThreadScheduling.setNice(thread.tid(), originalNice));
            }
        }
    }

    /** One system call for one setting; false (and logged once per setting) when it failed. */
    private boolean attempt(String keyword, NativeCall call) {
        try {
            call.run();
            return true;
        } catch (NativeException e) {
            reportOnce(keyword, e);
            return false;
        }
    }

    @FunctionalInterface
    private interface NativeCall {
        void run() throws NativeException;
    }

    private void reportOnce(String keyword, NativeException e) {
        if (reported.add(keyword)) {
            LOG.warn("{} not applied: {}", keyword, e.getMessage());
        }
    }
}
