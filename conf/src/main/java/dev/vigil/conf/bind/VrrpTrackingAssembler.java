package dev.vigil.conf.bind;

import dev.vigil.conf.model.ScriptUser;
import dev.vigil.conf.model.TrackFile;
import dev.vigil.conf.model.TrackedFile;
import dev.vigil.conf.model.TrackedInterface;
import dev.vigil.conf.model.TrackedScript;
import dev.vigil.conf.model.VrrpScript;
import dev.vigil.conf.model.VrrpSyncGroup;
import dev.vigil.conf.tree.Word;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds vrrp_script, track_file and vrrp_sync_group records, and checks the names that
 * instances and groups refer to: an unknown script or file is dropped from the tracker list,
 * an unknown group member is dropped from the group, as keepalived does.
 */
final class VrrpTrackingAssembler {

    private final BindContext context;

    VrrpTrackingAssembler(BindContext context) {
        this.context = context;
    }

    List<VrrpScript> scripts(List<BlockState> blocks) {
        List<VrrpScript> scripts = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (BlockState b : blocks) {
            Optional<String> script = b.get("script", String.class);
            if (script.isEmpty()) {
                context.error(b.nameWord(), "vrrp_script " + b.name() + " has no script; removing it");
                continue;
            }
            if (!seen.add(b.name())) {
                context.error(b.nameWord(), "vrrp_script " + b.name() + " is defined twice; ignoring this one");
                continue;
            }
            scripts.add(new VrrpScript(b.name(), script.get(),
                    b.get("interval", Duration.class).orElse(Duration.ofSeconds(1)),
                    b.get("timeout", Duration.class), b.get("weight", Long.class).orElse(0L).intValue(),
                    b.flag("reverse"), b.get("rise", Long.class).orElse(1L).intValue(),
                    b.get("fall", Long.class).orElse(1L).intValue(), b.get("user", ScriptUser.class),
                    b.flag("init_fail")));
        }
        return scripts;
    }

    List<TrackFile> trackFiles(List<BlockState> blocks) {
        List<TrackFile> files = new ArrayList<>();
        for (BlockState b : blocks) {
            Optional<String> file = b.get("file", String.class);
            if (file.isEmpty()) {
                context.error(b.nameWord(), "track_file " + b.name() + " has no file; removing it");
                continue;
            }
            files.add(new TrackFile(b.name(), file.get(), b.get("weight", Long.class).orElse(1L).intValue(),
                    b.flag("reverse"), b.get("init_file", Long.class), b.flag("overwrite")));
        }
        return files;
    }

    /**
     * Sync groups, dropping unknown members and members already in another group; a group
     * left with no members is removed ("Sync group has no virtual router(s)").
     */
    List<VrrpSyncGroup> syncGroups(List<BlockState> blocks, Set<String> instanceNames, Set<String> scripts,
                                   Set<String> files) {
        List<VrrpSyncGroup> groups = new ArrayList<>();
        Map<String, String> groupOf = new HashMap<>();
        for (BlockState b : blocks) {
            List<String> members = new ArrayList<>();
            for (Word member : memberWords(b)) {
                if (!instanceNames.contains(member.text())) {
                    context.error(member, "sync group " + b.name() + ": vrrp_instance " + member.text()
                            + " is not defined; ignoring it");
                } else if (groupOf.containsKey(member.text())) {
                    context.error(member, "vrrp_instance " + member.text() + " is already in sync group "
                            + groupOf.get(member.text()) + "; ignoring it here");
                } else {
                    groupOf.put(member.text(), b.name());
                    members.add(member.text());
                }
            }
            if (members.isEmpty()) {
                context.error(b.nameWord(), "sync group " + b.name() + " has no virtual routers; removing it");
                continue;
            }
            groups.add(new VrrpSyncGroup(b.name(), members, b.list("track_interface", TrackedInterface.class),
                    knownScripts(b, scripts), knownFiles(b, files), VrrpInstanceAssembler.notifyScripts(b),
                    b.flag("smtp_alert"), b.flag("sync_group_tracking_weight"), b.flag("notify_priority_changes")));
        }
        return groups;
    }

    /** Members from {@code group { }} blocks, or (old form) lines written directly in the block. */
    private List<Word> memberWords(BlockState b) {
        List<Word> words = new ArrayList<>();
        List<String> grouped = b.list("group", String.class);
        for (int i = 0; i < grouped.size(); i++) {
            words.add(new Word(grouped.get(i), b.where("group", i)));
        }
        words.addAll(b.list("old_members", Word.class));
        return words;
    }

    /** The block's track_script entries that name a defined vrrp_script (the others are reported). */
    List<TrackedScript> knownScripts(BlockState b, Set<String> scripts) {
        List<TrackedScript> all = b.list("track_script", TrackedScript.class);
        List<TrackedScript> known = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (scripts.contains(all.get(i).name())) {
                known.add(all.get(i));
            } else {
                context.error(b.where("track_script", i), "(" + b.name() + ") track_script " + all.get(i).name()
                        + " is not a defined vrrp_script; ignoring it");
            }
        }
        return known;
    }

    /** The block's track_file entries that name a defined track_file (the others are reported). */
    List<TrackedFile> knownFiles(BlockState b, Set<String> files) {
        List<TrackedFile> all = b.list("track_file", TrackedFile.class);
        List<TrackedFile> known = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (files.contains(all.get(i).name())) {
                known.add(all.get(i));
            } else {
                context.error(b.where("track_file", i), "(" + b.name() + ") track_file " + all.get(i).name()
                        + " is not a defined track_file; ignoring it");
            }
        }
        return known;
    }

    /** Group → notify_priority_changes setting, for members that do not set their own. */
    static Map<String, Boolean> groupPriorityNotify(List<BlockState> groups) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (BlockState g : groups) {
            Optional<Boolean> value = g.get("notify_priority_changes", Boolean.class);
            if (value.isEmpty()) {
                continue;
            }
            g.list("group", String.class).forEach(member -> out.putIfAbsent(member, value.get()));
            g.list("old_members", Word.class).forEach(member -> out.putIfAbsent(member.text(), value.get()));
        }
        return out;
    }
}
