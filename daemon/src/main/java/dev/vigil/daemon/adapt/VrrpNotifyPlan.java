package dev.vigil.daemon.adapt;

import dev.vigil.daemon.controller.ScriptCommand;
import java.util.Objects;
import java.util.Optional;

/**
 * What the daemon does when one VRRP instance changes state, adapted from its
 * {@code notify_*} keywords and {@code smtp_alert} (keepalived vrrp_notify.c): the per-state
 * script (run with no extra arguments), then the generic {@code notify} script (run with
 * {@code INSTANCE <name> <state> <priority>}), then the FIFO line, then the mail.
 *
 * @param instance  the instance name
 * @param master    {@code notify_master}
 * @param backup    {@code notify_backup}
 * @param fault     {@code notify_fault}
 * @param stop      {@code notify_stop}
 * @param any           {@code notify}
 * @param smtpAlert     whether state changes are mailed (already resolved with the globals)
 * @param deleted       {@code notify_deleted SCRIPT}
 * @param notifyDeleted {@code notify_deleted} given: a reload that removes the instance reports
 *                      DELETED (else FAULT, keepalived's older behaviour)
 */
public record VrrpNotifyPlan(String instance, Optional<ScriptCommand> master, Optional<ScriptCommand> backup,
                             Optional<ScriptCommand> fault, Optional<ScriptCommand> stop,
                             Optional<ScriptCommand> any, boolean smtpAlert, Optional<ScriptCommand> deleted,
                             boolean notifyDeleted) {

    public VrrpNotifyPlan {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(master, "master");
        Objects.requireNonNull(backup, "backup");
        Objects.requireNonNull(fault, "fault");
        Objects.requireNonNull(stop, "stop");
        Objects.requireNonNull(any, "any");
        Objects.requireNonNull(deleted, "deleted");
    }

    /** A plan without {@code notify_deleted}. */
    public VrrpNotifyPlan(String instance, Optional<ScriptCommand> master, Optional<ScriptCommand> backup,
                          Optional<ScriptCommand> fault, Optional<ScriptCommand> stop, Optional<ScriptCommand> any,
                          boolean smtpAlert) {
        this(instance, master, backup, fault, stop, any, smtpAlert, Optional.empty(), false);
    }

    /** No scripts, no mail. */
    public static VrrpNotifyPlan none(String instance) {
        return new VrrpNotifyPlan(instance, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), false);
    }
}
