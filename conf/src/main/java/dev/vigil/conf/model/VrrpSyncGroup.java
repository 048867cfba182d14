package dev.vigil.conf.model;

import java.util.List;
import java.util.Objects;

/**
 * A {@code vrrp_sync_group}: instances that change state together. Both forms are read:
 * {@code group { VI_1 VI_2 }} and the old one that lists the instances directly in the block.
 *
 * @param trackingWeight {@code sync_group_tracking_weight}: members' trackers keep their weights
 */
public record VrrpSyncGroup(
        String name,
        List<String> members,
        List<TrackedInterface> trackInterfaces,
        List<TrackedScript> trackScripts,
        List<TrackedFile> trackFiles,
        StateNotify notifyScripts,
        boolean smtpAlert,
        boolean trackingWeight,
        boolean notifyPriorityChanges) {

    public VrrpSyncGroup {
        Objects.requireNonNull(name, "name");
        members = List.copyOf(members);
        trackInterfaces = List.copyOf(trackInterfaces);
        trackScripts = List.copyOf(trackScripts);
        trackFiles = List.copyOf(trackFiles);
        Objects.requireNonNull(notifyScripts, "notifyScripts");
    }
}
