package dev.vigil.conf.bind;

import dev.vigil.common.diag.SourcePosition;
import dev.vigil.conf.model.TrackFile;
import dev.vigil.conf.model.TrackedFile;
import dev.vigil.conf.model.TrackedInterface;
import dev.vigil.conf.model.TrackedScript;
import dev.vigil.conf.model.VrrpInstance;
import dev.vigil.conf.model.VrrpScript;
import dev.vigil.conf.model.VrrpSyncGroup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * keepalived's rule for floating priorities ({@code vrrp_complete_instance}): a member of a
 * sync group without {@code sync_group_tracking_weight}, and an address owner (priority 255),
 * must not have weighted trackers. Weighted interfaces become unweighted (sync group) or are
 * dropped (owner); weighted scripts and files are dropped; a file with the default weight 1
 * becomes unweighted. Each change is an ERROR saying what was done.
 */
final class TrackerWeightRules {

    private final BindContext context;
    private final Map<String, Integer> scriptWeights = new HashMap<>();
    private final Map<String, Integer> fileWeights = new HashMap<>();

    TrackerWeightRules(BindContext context, List<VrrpScript> scripts, List<TrackFile> files) {
        this.context = context;
        scripts.forEach(s -> scriptWeights.put(s.name(), s.weight()));
        files.forEach(f -> fileWeights.put(f.name(), f.weight()));
    }

    List<VrrpInstance> apply(List<VrrpInstance> instances, List<VrrpSyncGroup> groups,
                             Map<String, SourcePosition> positions) {
        Map<String, VrrpSyncGroup> groupOf = new HashMap<>();
        groups.forEach(g -> g.members().forEach(m -> groupOf.put(m, g)));
        List<VrrpInstance> out = new ArrayList<>();
        for (VrrpInstance vi : instances) {
            Optional<VrrpSyncGroup> group = Optional.ofNullable(groupOf.get(vi.name()));
            boolean syncRule = group.isPresent() && !group.get().trackingWeight();
            boolean owner = vi.priority() == VrrpInstanceAssembler.OWNER_PRIORITY;
            out.add(syncRule || owner ? restrict(vi, syncRule, positions.get(vi.name())) : vi);
        }
        return out;
    }

    private VrrpInstance restrict(VrrpInstance vi, boolean syncRule, SourcePosition at) {
        String why = syncRule ? "its sync group has no sync_group_tracking_weight" : "it is the address owner";
        List<TrackedInterface> interfaces = new ArrayList<>();
        for (TrackedInterface ti : vi.trackInterfaces()) {
            if (ti.weight() == 0) {
                interfaces.add(ti);
            } else if (syncRule) {
                context.error(at, "(" + vi.name() + ") ignoring the weight of tracked interface " + ti.name()
                        + " because " + why);
                interfaces.add(new TrackedInterface(ti.name(), 0, ti.reverse()));
            } else {
                context.error(at, "(" + vi.name() + ") ignoring tracked interface " + ti.name() + " because " + why);
            }
        }
        List<TrackedScript> scripts = new ArrayList<>();
        for (TrackedScript ts : vi.trackScripts()) {
            if (ts.weight().orElse(scriptWeights.getOrDefault(ts.name(), 0)) == 0) {
                scripts.add(ts);
            } else {
                context.error(at, "(" + vi.name() + ") ignoring weighted tracked script " + ts.name() + " because "
                        + why);
            }
        }
        List<TrackedFile> files = new ArrayList<>();
        for (TrackedFile tf : vi.trackFiles()) {
            int weight = tf.weight().orElse(fileWeights.getOrDefault(tf.name(), 1));
            if (weight == 0) {
                files.add(tf);
            } else if (weight == 1 && tf.weight().isEmpty()) {
                context.error(at, "(" + vi.name() + ") ignoring the weight of tracked file " + tf.name() + " because "
                        + why + "; specify weight 0");
                files.add(new TrackedFile(tf.name(), Optional.of(0), tf.reverse()));
            } else {
                context.error(at, "(" + vi.name() + ") ignoring tracked file " + tf.name() + " with weight " + weight
                        + " because " + why);
            }
        }
        return vi.withTrackers(interfaces, scripts, files);
    }
}
