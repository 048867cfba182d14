package dev.vigil.vrrp.runtime;

import dev.vigil.vrrp.track.TrackerSpec;
import java.util.List;
import java.util.Objects;

/**
 * A {@code vrrp_sync_group} (keepalived reference §1.1 "Sync groups"): its members move
 * together through {@link dev.vigil.vrrp.sync.SyncGroup}.
 *
 * @param name           {@code vrrp_sync_group NAME}
 * @param members        {@code group { ... }}: instance names, at least one; an instance is in
 *                       at most one group
 * @param trackers       the group's own trackers, tracked by every member
 * @param trackingWeight {@code sync_group_tracking_weight}: members' tracker weights count
 *                       (without it they are turned into FAULT-only trackers or dropped,
 *                       {@link dev.vigil.vrrp.track.WeightPolicy})
 */
public record SyncGroupSettings(String name, List<String> members, List<TrackerSpec> trackers,
                                boolean trackingWeight) {

    public SyncGroupSettings {
        Objects.requireNonNull(name, "name");
        members = List.copyOf(members);
        trackers = List.copyOf(trackers);
        if (members.isEmpty()) {
            throw new IllegalArgumentException("sync group " + name + " has no members");
        }
        if (members.stream().distinct().count() != members.size()) {
            throw new IllegalArgumentException("sync group " + name + " names a member twice");
        }
    }

    /** A group without trackers or {@code sync_group_tracking_weight}. */
    public static SyncGroupSettings of(String name, List<String> members) {
        return new SyncGroupSettings(name, members, List.of(), false);
    }
}
