package dev.vigil.vrrp.runtime;

import dev.vigil.vrrp.track.TrackerSpec;
import dev.vigil.vrrp.track.TrackingSettings;
import dev.vigil.vrrp.track.WeightPolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a runtime's instances against its {@link RuntimeDefinitions} and works out which
 * trackers take effect for each instance (keepalived vrrp_complete_instance and
 * sync_group_tracking_init): its own trackers filtered by {@link WeightPolicy#forInstance},
 * plus its sync group's filtered by {@link WeightPolicy#forSyncGroup} (an object the instance
 * already tracks itself is not added twice). Warnings are logged once, here. Pure apart from
 * logging; immutable.
 */
final class TrackingPlan {

    private static final Logger LOG = LoggerFactory.getLogger(TrackingPlan.class);

    private final Map<String, TrackingSettings> byInstance = new LinkedHashMap<>();
    private final Map<String, SyncGroupSettings> groupOf = new HashMap<>();

    /** @throws IllegalArgumentException for an unknown member, script or file, or an instance in two groups */
    TrackingPlan(List<VrrpInstanceSettings> instances, RuntimeDefinitions definitions) {
        Map<String, VrrpInstanceSettings> byName = new HashMap<>();
        instances.forEach(i -> byName.put(i.name(), i));
        for (SyncGroupSettings group : definitions.syncGroups()) {
            for (String member : group.members()) {
                if (!byName.containsKey(member)) {
                    throw new IllegalArgumentException("sync group " + group.name() + ": no instance " + member);
                }
                SyncGroupSettings earlier = groupOf.put(member, group);
                if (earlier != null) {
                    throw new IllegalArgumentException("instance " + member + " is in sync groups "
                            + earlier.name() + " and " + group.name());
                }
            }
        }
        Set<String> scripts = new HashSet<>();
        definitions.scripts().forEach(s -> scripts.add(s.name()));
        Set<String> files = new HashSet<>();
        definitions.files().forEach(f -> files.add(f.name()));
        for (VrrpInstanceSettings instance : instances) {
            TrackingSettings settings = plan(instance, byName);
            for (TrackerSpec t : settings.trackers()) {
                boolean known = switch (t) {
                    case TrackerSpec.Script s -> scripts.contains(s.name());
                    case TrackerSpec.File f -> files.contains(f.name());
                    case TrackerSpec.Interface i -> true;
                };
                if (!known) {
                    throw new IllegalArgumentException(instance.name() + ": tracked " + t.key() + " is not defined");
                }
            }
            byInstance.put(instance.name(), settings);
        }
    }

    private TrackingSettings plan(VrrpInstanceSettings instance, Map<String, VrrpInstanceSettings> byName) {
        Optional<SyncGroupSettings> group = syncGroup(instance.name());
        boolean owner = instance.priority() == 255;
        WeightPolicy.Result own = WeightPolicy.forInstance(instance.trackers(), owner, group.isPresent(),
                group.map(SyncGroupSettings::trackingWeight).orElse(false));
        own.warnings().forEach(w -> LOG.warn("({}) {}", instance.name(), w));
        List<TrackerSpec> trackers = new ArrayList<>(own.trackers());
        if (group.isPresent()) {
            boolean anyOwner = group.get().members().stream().anyMatch(m -> byName.get(m).priority() == 255);
            WeightPolicy.Result shared = WeightPolicy.forSyncGroup(group.get().trackers(), anyOwner);
            shared.warnings().forEach(w -> LOG.warn("VRRP_Group({}) {}", group.get().name(), w));
            Set<String> keys = new HashSet<>();
            trackers.forEach(t -> keys.add(t.key()));
            shared.trackers().stream().filter(t -> keys.add(t.key())).forEach(trackers::add);
        }
        return new TrackingSettings(instance.priority(), instance.interfaceName(), instance.vmacInterface(),
                instance.options().dontTrackPrimary(), trackers);
    }

    TrackingSettings trackingOf(String instance) {
        return byInstance.get(instance);
    }

    Optional<SyncGroupSettings> syncGroup(String instance) {
        return Optional.ofNullable(groupOf.get(instance));
    }

    /** Every tracker of every instance. */
    List<TrackerSpec> allTrackers() {
        List<TrackerSpec> out = new ArrayList<>();
        byInstance.values().forEach(s -> out.addAll(s.trackers()));
        return out;
    }

    /** Every interface some instance tracks, its own ones included. */
    Set<String> interfaces() {
        Set<String> out = new HashSet<>();
        byInstance.values().forEach(s -> {
            out.add(s.primaryInterface());
            s.virtualMac().ifPresent(out::add);
            s.trackers().stream().filter(t -> t instanceof TrackerSpec.Interface).forEach(t -> out.add(t.name()));
        });
        return out;
    }
}
