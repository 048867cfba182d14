package dev.vigil.vrrp.runtime;

import dev.vigil.vrrp.fsm.VrrpState;
import java.net.InetAddress;
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
 */
public record InstanceSnapshot(String name, VrrpState state, int effectivePriority,
                               Optional<InetAddress> masterAddress, InstanceStatistics statistics) {
    public InstanceSnapshot {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(masterAddress, "masterAddress");
        Objects.requireNonNull(statistics, "statistics");
    }
}
