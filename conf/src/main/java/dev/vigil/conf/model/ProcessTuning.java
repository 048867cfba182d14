package dev.vigil.conf.model;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The scheduling keepalived gives its VRRP or its checker process: {@code vrrp_priority} /
 * {@code checker_priority} (nice value), {@code *_rt_priority} (SCHED_RR), {@code *_cpu_affinity}
 * and {@code *_no_swap}. Vigil applies them to the threads of that subsystem.
 *
 * @param nice             -20 … 19; empty leaves the inherited value
 * @param realtimePriority 1 … 99 for SCHED_RR; empty keeps the normal policy
 * @param cpus             the CPUs the threads may run on; empty means all
 * @param noSwap           lock the process in memory (one process in Vigil: either side's setting locks all)
 */
public record ProcessTuning(Optional<Integer> nice, Optional<Integer> realtimePriority, Set<Integer> cpus,
                            boolean noSwap) {

    /** Nothing set: the threads keep what they inherit. */
    public static final ProcessTuning NONE = new ProcessTuning(Optional.empty(), Optional.empty(), Set.of(), false);

    public ProcessTuning {
        Objects.requireNonNull(nice, "nice");
        Objects.requireNonNull(realtimePriority, "realtimePriority");
        cpus = Set.copyOf(cpus);
    }

    /** True when a setting of the threads themselves is given: nice value, realtime priority or CPUs. */
    public boolean schedulesThreads() {
        return nice.isPresent() || realtimePriority.isPresent() || !cpus.isEmpty();
    }
}
