package dev.vigil.vrrp.runtime;

import dev.vigil.vrrp.fsm.VrrpState;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One instance as {@link VrrpRuntime#snapshot()} saw it.
 *
 * @param name              instance name
 * @param state             current state
 * @param effectivePriority the priority it advertises
 * @param masterAddress     the master it last accepted an advert from (while backup)
 * @param statistics        its counters
 * @param trackers          its trackers (its own and its sync group's), in configuration order
 * @param syncGroup         the sync group it belongs to, if any
 */
public record InstanceSnapshot(String name, VrrpState state, int effectivePriority,
                               Optional<InetAddress> masterAddress, InstanceStatistics statistics,
                               List<TrackerState> trackers, Optional<String> syncGroup) {
    public InstanceSnapshot {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(masterAddress, "masterAddress");
        Objects.requireNonNull(statistics, "statistics");
        trackers = List.copyOf(trackers);
        Objects.requireNonNull(syncGroup, "syncGroup");
    }

    /** A snapshot without trackers or sync group. */
    public InstanceSnapshot(String name, VrrpState state, int effectivePriority, Optional<InetAddress> masterAddress,
                            InstanceStatistics statistics) {
        this(name, state, effectivePriority, masterAddress, statistics, List.of(), Optional.empty());
    }
}
