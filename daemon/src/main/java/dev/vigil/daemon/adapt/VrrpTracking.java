package dev.vigil.daemon.adapt;

import dev.vigil.conf.model.KeepalivedConfig;
import dev.vigil.conf.model.TrackFile;
import dev.vigil.conf.model.TrackedFile;
import dev.vigil.conf.model.TrackedInterface;
import dev.vigil.conf.model.TrackedScript;
import dev.vigil.conf.model.VrrpScript;
import dev.vigil.conf.model.VrrpSyncGroup;
import dev.vigil.daemon.controller.ScriptCommand;
import dev.vigil.vrrp.runtime.RuntimeDefinitions;
import dev.vigil.vrrp.runtime.SyncGroupSettings;
import dev.vigil.vrrp.track.TrackerSpec;
import dev.vigil.vrrp.track.Weight;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Adapts the tracking part of a configuration — {@code vrrp_script}, {@code track_file}, the
 * {@code track_interface} / {@code track_script} / {@code track_file} entries of instances and
 * sync groups, and {@code vrrp_sync_group} — into the runtime's {@link RuntimeDefinitions} and
 * {@link TrackerSpec}s (keepalived reference §1.1).
 *
 * <p>The runtime refuses trackers naming undefined scripts or files and groups naming unknown
 * instances; this class drops such entries with an {@link AdaptIssue} instead, so one bad entry
 * never stops the whole VRRP side. Pure.
 */
final class VrrpTracking {

    /**
     * keepalived clamps interface and script weights of ±254 to ±253 (vrrp_track.c: a tracker
     * alone must not lift a priority-1 backup to the owner's 255); only track_file keeps ±254.
     */
    private static final int SCRIPT_INTERFACE_WEIGHT_LIMIT = 253;

    private final Map<String, dev.vigil.vrrp.runtime.VrrpScript> scripts = new LinkedHashMap<>();
    private final Map<String, dev.vigil.vrrp.runtime.TrackFile> files = new LinkedHashMap<>();
    /** vrrp_scripts the policy refused: trackers naming them are dropped (keepalived frees them too). */
    private final Set<String> refused = new java.util.HashSet<>();

    private VrrpTracking() {
    }

    /** The script and file definitions of {@code config}, scripts vetted against this host. */
    static VrrpTracking definitions(KeepalivedConfig config, List<AdaptIssue> issues) {
        return definitions(config, ScriptPolicy.forHost(config.globalDefs()), issues);
    }

    /**
     * The script and file definitions of {@code config}; bad ones are reported and left out, and
     * scripts {@code policy} refuses are left out (reported by {@link ScriptAudit}).
     */
    static VrrpTracking definitions(KeepalivedConfig config, ScriptPolicy policy, List<AdaptIssue> issues) {
        VrrpTracking tracking = new VrrpTracking();
        for (VrrpScript script : config.vrrpScripts()) {
            tracking.addScript(script, policy, issues);
        }
        for (TrackFile file : config.trackFiles()) {
            try {
                dev.vigil.vrrp.runtime.TrackFile adapted = dev.vigil.vrrp.runtime.TrackFile.of(file.name(),
                        Path.of(file.file())).withWeight(new Weight(file.weight(), file.reverse()));
                if (file.initFile().isPresent()) {
                    adapted = adapted.withInitFile(file.initFile().get(), file.overwrite());
                }
                tracking.files.putIfAbsent(file.name(), adapted);
            } catch (IllegalArgumentException e) {
                issues.add(new AdaptIssue("track_file " + file.name(), e.getMessage() + "; ignoring it"));
            }
        }
        return tracking;
    }

    private void addScript(VrrpScript script, ScriptPolicy policy, List<AdaptIssue> issues) {
        String subject = "vrrp_script " + script.name();
        Optional<List<String>> words = ScriptCommand.split(script.script());
        if (words.isEmpty()) {
            issues.add(new AdaptIssue(subject, "empty script; ignoring it"));
            return;
        }
        if (!(policy.vet(words.get(), script.user()) instanceof ScriptVerdict.Allowed allowed)) {
            refused.add(script.name());
            return;
        }
        try {
            scripts.putIfAbsent(script.name(), new dev.vigil.vrrp.runtime.VrrpScript(script.name(), allowed.commandLine(),
                    script.interval(), script.timeout().orElse(script.interval()), script.rise(), script.fall(),
                    new Weight(clampWeight(script.weight()), script.reverse()), script.initFail(),
                    Optional.empty()));
        } catch (IllegalArgumentException e) {
            issues.add(new AdaptIssue(subject, e.getMessage() + "; ignoring it"));
        }
    }

    /**
     * The runtime trackers for one instance's (or group's) tracking entries; entries naming an
     * undefined script or file are reported and left out.
     */
    List<TrackerSpec> trackers(List<TrackedInterface> interfaces, List<TrackedScript> trackedScripts,
                               List<TrackedFile> trackedFiles, String subject, List<AdaptIssue> issues) {
        List<TrackerSpec> trackers = new ArrayList<>();
        for (TrackedInterface tracked : interfaces) {
            trackers.add(new TrackerSpec.Interface(tracked.name(),
                    new Weight(clampWeight(tracked.weight()), tracked.reverse())));
        }
        for (TrackedScript tracked : trackedScripts) {
            dev.vigil.vrrp.runtime.VrrpScript script = scripts.get(tracked.name());
            if (script == null) {
                issues.add(new AdaptIssue(subject, "track_script " + tracked.name() + (refused.contains(tracked.name())
                        ? " names a refused script; not tracked" : " names no usable vrrp_script; not tracked")));
                continue;
            }
            // The conf model only records "reverse"; without it the script's own direction stays.
            trackers.add(script.trackedWith(tracked.weight().map(VrrpTracking::clampWeight).orElse(null),
                    tracked.reverse() ? Boolean.TRUE : null));
        }
        for (TrackedFile tracked : trackedFiles) {
            dev.vigil.vrrp.runtime.TrackFile file = files.get(tracked.name());
            if (file == null) {
                issues.add(new AdaptIssue(subject, "track_file " + tracked.name()
                        + " names no usable track_file; not tracked"));
                continue;
            }
            trackers.add(tracked.weight().isPresent()
                    ? file.trackedWith(new Weight(tracked.weight().get(), tracked.reverse()))
                    : file.trackedWith());
        }
        return withoutDuplicates(trackers, subject, issues);
    }

    /** The runtime tracks an object once per instance: the first entry wins, later ones are reported. */
    private static List<TrackerSpec> withoutDuplicates(List<TrackerSpec> trackers, String subject,
                                                       List<AdaptIssue> issues) {
        Map<String, TrackerSpec> byKey = new LinkedHashMap<>();
        for (TrackerSpec tracker : trackers) {
            if (byKey.putIfAbsent(tracker.key(), tracker) != null) {
                issues.add(new AdaptIssue(subject, tracker.key() + " is tracked twice; the first entry counts"));
            }
        }
        return List.copyOf(byKey.values());
    }

    /**
     * The sync groups, each limited to the instances that actually run ({@code running}) and
     * are in no earlier group (an instance belongs to one group, keepalived vrrp_sync.c); a
     * group left with no member is dropped, with an issue either way.
     */
    List<SyncGroupSettings> syncGroups(List<VrrpSyncGroup> groups, Set<String> running, List<AdaptIssue> issues) {
        List<SyncGroupSettings> adapted = new ArrayList<>();
        Set<String> grouped = new java.util.HashSet<>();
        for (VrrpSyncGroup group : groups) {
            String subject = "vrrp_sync_group " + group.name();
            List<String> members = group.members().stream().filter(running::contains).distinct()
                    .filter(grouped::add).toList();
            List<String> missing = group.members().stream().filter(m -> !members.contains(m)).distinct().toList();
            if (!missing.isEmpty()) {
                issues.add(new AdaptIssue(subject, "members not running or already in a group, left out: "
                        + String.join(", ", missing)));
            }
            if (members.isEmpty()) {
                issues.add(new AdaptIssue(subject, "no running member; the group is not started"));
                continue;
            }
            List<TrackerSpec> trackers = trackers(group.trackInterfaces(), group.trackScripts(), group.trackFiles(),
                    subject, issues);
            adapted.add(new SyncGroupSettings(group.name(), members, trackers, group.trackingWeight()));
        }
        return adapted;
    }

    /** The definitions to hand to the runtime together with {@code groups}. */
    RuntimeDefinitions runtimeDefinitions(List<SyncGroupSettings> groups) {
        return new RuntimeDefinitions(List.copyOf(scripts.values()), List.copyOf(files.values()), groups);
    }

    private static int clampWeight(int weight) {
        return Math.clamp(weight, -SCRIPT_INTERFACE_WEIGHT_LIMIT, SCRIPT_INTERFACE_WEIGHT_LIMIT);
    }
}
