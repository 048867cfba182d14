package dev.vigil.vrrp.track;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What {@link InstanceTracking} needs from one instance: its base priority, its own interfaces
 * and the trackers it uses (its own plus its sync group's, after {@link WeightPolicy}).
 *
 * @param basePriority      configured priority 1..255; 255 (owner) ignores every weight
 * @param primaryInterface  the instance's {@code interface}
 * @param virtualMac        its {@code use_vmac} interface, which counts as its own too: either
 *                          going down is a FAULT (keepalived tracks the VMAC and its base)
 * @param dontTrackPrimary  {@code dont_track_primary}: the own interfaces going down is no FAULT
 * @param trackers          tracked interfaces, scripts and files; keys must be unique
 */
public record TrackingSettings(int basePriority, String primaryInterface, Optional<String> virtualMac,
                               boolean dontTrackPrimary, List<TrackerSpec> trackers) {

    /** RFC 5798 §5.2.4: 255 is the address owner; priorities are 1..255. */
    private static final int OWNER = 255;

    public TrackingSettings {
        Objects.requireNonNull(primaryInterface, "primaryInterface");
        Objects.requireNonNull(virtualMac, "virtualMac");
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

    /** An instance without a VMAC. */
    public TrackingSettings(int basePriority, String primaryInterface, boolean dontTrackPrimary,
                            List<TrackerSpec> trackers) {
        this(basePriority, primaryInterface, Optional.empty(), dontTrackPrimary, trackers);
    }

    /** Whether {@code name} is one of the instance's own interfaces (its primary one or its VMAC). */
    public boolean ownInterface(String name) {
        return name.equals(primaryInterface) || virtualMac.filter(name::equals).isPresent();
    }

    public boolean owner() {
        return basePriority == OWNER;
    }
}
