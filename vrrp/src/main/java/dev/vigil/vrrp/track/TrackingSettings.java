package dev.vigil.vrrp.track;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What {@link InstanceTracking} needs from one instance: its base priority, its own interface and
 * the trackers it uses (its own plus its sync group's, after {@link WeightPolicy}).
 *
 * @param basePriority      configured priority 1..255; 255 (owner) ignores every weight
 * @param primaryInterface  the instance's {@code interface}
 * @param dontTrackPrimary  {@code dont_track_primary}: the primary interface going down is no FAULT
 * @param trackers          tracked interfaces, scripts and files; keys must be unique
 */
public record TrackingSettings(int basePriority, String primaryInterface, boolean dontTrackPrimary,
                               List<TrackerSpec> trackers) {

    /** RFC 5798 §5.2.4: 255 is the address owner; priorities are 1..255. */
    private static final int OWNER = 255;

    public TrackingSettings {
        Objects.requireNonNull(primaryInterface, "primaryInterface");
        trackers = List.copyOf(trackers);
        if (basePriority < 1 || basePriority > OWNER) {
            throw new IllegalArgumentException("priority " + basePriority + " is outside 1..255");
        }
        Set<String> keys = new HashSet<>();
        for (TrackerSpec t : trackers) {
            if (!keys.add(t.key())) {
                throw new IllegalArgumentException("tracked twice: " + t.key());
            }
        }
    }

    public boolean owner() {
        return basePriority == OWNER;
    }
}
