package dev.vigil.vrrp.track;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * keepalived's rules for weights that cannot apply (vrrp.c vrrp_complete_instance and
 * sync_group_tracking_init), as a pure function from configured trackers to the ones that take
 * effect plus warnings for the config diagnostics.
 *
 * <p>An instance that is an address owner (255), or a sync-group member whose group lacks
 * {@code sync_group_tracking_weight}, cannot use weights:
 * <ul>
 *   <li>a weighted interface becomes weight 0 (FAULT while down) in a sync group, and is not
 *       tracked at all for an owner outside one;</li>
 *   <li>a weighted script is dropped;</li>
 *   <li>a file with the default weight 1 becomes weight 0; any other weighted file is dropped.</li>
 * </ul>
 * A sync group's own trackers keep their weights unless some member is an owner, in which case
 * every weight becomes 0.
 */
public final class WeightPolicy {

    /** The trackers that take effect, and what was changed or dropped. */
    public record Result(List<TrackerSpec> trackers, List<String> warnings) {
        public Result {
            trackers = List.copyOf(trackers);
            warnings = List.copyOf(warnings);
        }
    }

    private WeightPolicy() {
    }

    /**
     * An instance's own trackers.
     *
     * @param inSyncGroup             the instance is a sync-group member
     * @param syncGroupTrackingWeight its group has {@code sync_group_tracking_weight}
     */
    public static Result forInstance(List<TrackerSpec> configured, boolean owner, boolean inSyncGroup,
                                     boolean syncGroupTrackingWeight) {
        boolean syncNoWeight = inSyncGroup && !syncGroupTrackingWeight;
        if (!syncNoWeight && !owner) {
            return new Result(configured, List.of());
        }
        String why = syncNoWeight ? "sync group without sync_group_tracking_weight" : "address owner";
        List<TrackerSpec> kept = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (TrackerSpec t : configured) {
            Objects.requireNonNull(t, "tracker");
            if (t.weight().faultMode()) {
                kept.add(t);
                continue;
            }
            switch (t) {
                case TrackerSpec.Interface i when syncNoWeight -> {
                    kept.add(new TrackerSpec.Interface(i.name(), new Weight(0, i.weight().reverse())));
                    warnings.add("ignoring weight of tracked " + t.key() + " due to " + why);
                }
                case TrackerSpec.File f when f.weight().value() == TrackerSpec.File.DEFAULT_WEIGHT -> {
                    kept.add(new TrackerSpec.File(f.name(), new Weight(0, f.weight().reverse())));
                    warnings.add("ignoring weight of tracked " + t.key() + " due to " + why + "; specify weight 0");
                }
                default -> warnings.add("ignoring tracked " + t.key() + " with weight " + t.weight().value()
                        + " due to " + why);
            }
        }
        return new Result(kept, warnings);
    }

    /** A sync group's own trackers, which every member tracks. */
    public static Result forSyncGroup(List<TrackerSpec> configured, boolean anyMemberOwner) {
        if (!anyMemberOwner) {
            return new Result(configured, List.of());
        }
        List<TrackerSpec> kept = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (TrackerSpec t : configured) {
            if (t.weight().faultMode()) {
                kept.add(t);
                continue;
            }
            Weight zero = new Weight(0, t.weight().reverse());
            kept.add(switch (t) {
                case TrackerSpec.Interface i -> new TrackerSpec.Interface(i.name(), zero);
                case TrackerSpec.Script s -> new TrackerSpec.Script(s.name(), zero);
                case TrackerSpec.File f -> new TrackerSpec.File(f.name(), zero);
            });
            warnings.add("clearing weight of tracked " + t.key() + ": a member has priority 255");
        }
        return new Result(kept, warnings);
    }
}
