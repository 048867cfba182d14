package dev.vigil.daemon.alert;

import dev.vigil.daemon.alert.AlertEvent.InstanceStateChanged;
import dev.vigil.daemon.alert.AlertEvent.SyncGroupStateChanged;
import java.util.List;
import java.util.Optional;

/**
 * The four arguments keepalived appends to the generic {@code notify} script of an instance or
 * sync group (vrrp_notify.c, {@code notify_script_exec()}):
 * {@code INSTANCE|GROUP <name> MASTER|BACKUP|FAULT|STOP|DELETED <priority>}, the priority being
 * the instance's effective priority, or 0 for a group. Pure.
 *
 * <p>The per-state scripts ({@code notify_master} ...) and the real-server and quorum scripts
 * get no extra arguments, so only the two state events have any.
 */
public final class NotifyScriptArguments {

    private NotifyScriptArguments() {
    }

    /** The arguments to append to the generic notify script's own, or empty when no script runs. */
    public static Optional<List<String>> of(AlertEvent event) {
        return switch (event) {
            case InstanceStateChanged e -> Optional.of(List.of(
                    "INSTANCE", e.instance(), e.state().keyword(), Integer.toString(e.priority())));
            case SyncGroupStateChanged e -> Optional.of(List.of(
                    "GROUP", e.group(), e.state().keyword(), "0"));
            default -> Optional.empty();
        };
    }
}
