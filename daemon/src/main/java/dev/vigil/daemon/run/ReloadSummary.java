package dev.vigil.daemon.run;

import dev.vigil.daemon.controller.ServerDiff;
import dev.vigil.vrrp.runtime.InstanceDiff;
import dev.vigil.vrrp.runtime.Reconfiguration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a reload changed, as the control socket answers and SIGHUP logs it:
 * {@code reloaded: 1 VIP added, 1 real server removed}, or {@code reloaded: nothing changed}.
 * Pure.
 *
 * @param vrrp          what the VRRP runtime did, when it ran before and after
 * @param vrrpStarted   instances of a VRRP runtime this reload started (0: none started)
 * @param checks        what the health controller did, when it ran before and after
 * @param checksStarted virtual servers of a controller this reload started (0: none started)
 */
record ReloadSummary(Optional<Reconfiguration> vrrp, int vrrpStarted, Optional<ServerDiff> checks,
                     int checksStarted) {

    ReloadSummary {
        Objects.requireNonNull(vrrp, "vrrp");
        Objects.requireNonNull(checks, "checks");
    }

    /** One line: what changed, or that nothing did. */
    String text() {
        return text(List.of());
    }

    /** One line: what changed, {@code global_defs} changes first ({@code globals}), or that nothing did. */
    String text(List<String> globals) {
        List<String> parts = new ArrayList<>(globals);
        vrrp.ifPresent(r -> describe(r, parts));
        if (vrrpStarted > 0) {
            parts.add("VRRP started with " + count(vrrpStarted, "instance"));
        }
        checks.ifPresent(d -> describe(d, parts));
        if (checksStarted > 0) {
            parts.add("health checks started with " + count(checksStarted, "virtual server"));
        }
        return "reloaded: " + (parts.isEmpty() ? "nothing changed" : String.join(", ", parts));
    }

    private static void describe(Reconfiguration r, List<String> parts) {
        InstanceDiff d = r.instances();
        addIf(parts, d.added().size(), "VRRP instance", "added");
        addIf(parts, d.removed().size(), "VRRP instance", "removed");
        addIf(parts, d.vipsAdded(), "VIP", "added");
        addIf(parts, d.vipsRemoved(), "VIP", "removed");
        addIf(parts, d.kept().stream().mapToInt(k -> k.routesAdded().size()).sum(), "virtual route", "added");
        addIf(parts, d.kept().stream().mapToInt(k -> k.routesRemoved().size()).sum(), "virtual route", "removed");
        addIf(parts, d.kept().stream().mapToInt(k -> k.rulesAdded().size()).sum(), "virtual rule", "added");
        addIf(parts, d.kept().stream().mapToInt(k -> k.rulesRemoved().size()).sum(), "virtual rule", "removed");
        for (InstanceDiff.Kept kept : d.kept()) {
            if (!kept.changes().isEmpty()) {
                parts.add(kept.after().name() + " changed (" + String.join(", ", kept.changes()) + ")");
            }
        }
        addIf(parts, r.scriptsStarted().size(), "vrrp_script", "started");
        addIf(parts, r.scriptsStopped().size(), "vrrp_script", "stopped");
        addIf(parts, r.filesStarted().size(), "track_file", "watched");
        addIf(parts, r.filesStopped().size(), "track_file", "dropped");
        addIf(parts, r.groupsBuilt().size(), "sync group", "built");
        addIf(parts, r.groupsRemoved().size(), "sync group", "taken apart");
    }

    private static void describe(ServerDiff d, List<String> parts) {
        addIf(parts, d.added().size(), "virtual server", "added");
        addIf(parts, d.removed().size(), "virtual server", "removed");
        addIf(parts, d.realServersAdded(), "real server", "added");
        addIf(parts, d.realServersRemoved(), "real server", "removed");
        addIf(parts, d.realServersRestarted(), "real server", "restarted with new checkers");
        long changed = d.kept().stream().filter(k -> k.changed() && k.added().isEmpty() && k.removed().isEmpty()
                && k.restarted().isEmpty()).count();
        addIf(parts, (int) changed, "virtual server", "changed in place");
    }

    private static void addIf(List<String> parts, int n, String noun, String verb) {
        if (n > 0) {
            parts.add(count(n, noun) + " " + verb);
        }
    }

    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
