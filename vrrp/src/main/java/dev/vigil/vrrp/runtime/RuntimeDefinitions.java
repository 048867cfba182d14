package dev.vigil.vrrp.runtime;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a {@link VrrpRuntime} needs besides its instances: the {@code vrrp_script} and
 * {@code track_file} definitions the instances' trackers name, and the sync groups.
 *
 * @param scripts    {@code vrrp_script} blocks; names unique; only tracked ones are run
 * @param files      {@code track_file} blocks; names unique; only tracked ones are watched
 * @param syncGroups {@code vrrp_sync_group} blocks; names unique
 */
public record RuntimeDefinitions(List<VrrpScript> scripts, List<TrackFile> files,
                                 List<SyncGroupSettings> syncGroups) {

    /** No scripts, files or groups. */
    public static final RuntimeDefinitions NONE = new RuntimeDefinitions(List.of(), List.of(), List.of());

    public RuntimeDefinitions {
        scripts = List.copyOf(scripts);
        files = List.copyOf(files);
        syncGroups = List.copyOf(syncGroups);
        requireUnique("vrrp_script", scripts.stream().map(VrrpScript::name).toList());
        requireUnique("track_file", files.stream().map(TrackFile::name).toList());
        requireUnique("vrrp_sync_group", syncGroups.stream().map(SyncGroupSettings::name).toList());
    }

    public RuntimeDefinitions withScripts(List<VrrpScript> newScripts) {
        return new RuntimeDefinitions(newScripts, files, syncGroups);
    }

    public RuntimeDefinitions withFiles(List<TrackFile> newFiles) {
        return new RuntimeDefinitions(scripts, newFiles, syncGroups);
    }

    public RuntimeDefinitions withSyncGroups(List<SyncGroupSettings> newGroups) {
        return new RuntimeDefinitions(scripts, files, newGroups);
    }

    private static void requireUnique(String what, List<String> names) {
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!seen.add(name)) {
                throw new IllegalArgumentException("duplicate " + what + " " + name);
            }
        }
    }
}
