package dev.vigil.daemon.alert;

import java.util.Objects;

/**
 * Something the operator is told about through mail, the notify FIFO or notify scripts. The
 * daemon maps engine events to these; the alert package knows no engine. Which channels an
 * event reaches follows keepalived (vrrp/vrrp_notify.c, check/ipwrapper.c and the checkers):
 *
 * <table>
 * <caption>Channels per event</caption>
 * <tr><th>event</th><th>mail</th><th>FIFO line</th><th>generic notify script</th></tr>
 * <tr><td>{@link InstanceStateChanged}</td><td>yes</td><td>{@code INSTANCE}</td><td>yes</td></tr>
 * <tr><td>{@link SyncGroupStateChanged}</td><td>yes, except DELETED</td><td>{@code GROUP}</td><td>yes</td></tr>
 * <tr><td>{@link InstancePriorityChanged}</td><td>no</td><td>{@code MASTER_PRIORITY|BACKUP_PRIORITY}</td><td>no</td></tr>
 * <tr><td>{@link MasterReceivedLowerPriority}</td><td>no</td><td>{@code MASTER_RX_LOWER_PRI}</td><td>no</td></tr>
 * <tr><td>{@link RealServerChecked}</td><td>yes</td><td>no</td><td>no</td></tr>
 * <tr><td>{@link RealServerStateChanged}</td><td>no</td><td>{@code RS}</td><td>no</td></tr>
 * <tr><td>{@link RealServerRemoved}</td><td>yes</td><td>no</td><td>no</td></tr>
 * <tr><td>{@link QuorumChanged}</td><td>yes</td><td>{@code VS}</td><td>no</td></tr>
 * </table>
 *
 * <p>Whether an event is emitted at all (smtp_alert flags, {@code no_email_faults},
 * {@code no_checker_emails}, "state differs from the last mailed state") is the daemon's
 * decision, not this package's.
 */
public sealed interface AlertEvent {

    /** A VRRP instance entered {@code state}; {@code priority} is its effective priority (0-255). */
    record InstanceStateChanged(String instance, VrrpState state, int priority) implements AlertEvent {
        public InstanceStateChanged {
            Objects.requireNonNull(instance, "instance");
            Objects.requireNonNull(state, "state");
            requirePriority(priority);
        }
    }

    /** A sync group entered {@code state}; keepalived reports a group's priority as 0. */
    record SyncGroupStateChanged(String group, VrrpState state) implements AlertEvent {
        public SyncGroupStateChanged {
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(state, "state");
        }
    }

    /**
     * An instance's effective priority changed while it was master ({@code master} true) or
     * backup; sent to the FIFO only (send_instance_priority_notifies).
     */
    record InstancePriorityChanged(String instance, boolean master, int priority) implements AlertEvent {
        public InstancePriorityChanged {
            Objects.requireNonNull(instance, "instance");
            requirePriority(priority);
        }
    }

    /** A master received an advert of lower priority (send_event_notify); FIFO only. */
    record MasterReceivedLowerPriority(String instance, int priority) implements AlertEvent {
        public MasterReceivedLowerPriority {
            Objects.requireNonNull(instance, "instance");
            requirePriority(priority);
        }
    }

    /**
     * A checker reported on a real server: the mail a checker sends. {@code realServerAlive} is
     * the real server's alive state after the report, which keepalived puts in the subject (not
     * the checker's own verdict, which chooses the body).
     */
    record RealServerChecked(Endpoint realServer, VirtualServerId virtualServer,
                             boolean realServerAlive, CheckerVerdict verdict) implements AlertEvent {
        public RealServerChecked {
            Objects.requireNonNull(realServer, "realServer");
            Objects.requireNonNull(virtualServer, "virtualServer");
            Objects.requireNonNull(verdict, "verdict");
        }
    }

    /** A real server's alive state changed (do_rs_notifies): the FIFO {@code RS} line. */
    record RealServerStateChanged(Endpoint realServer, VirtualServerId virtualServer, boolean up)
            implements AlertEvent {
        public RealServerStateChanged {
            Objects.requireNonNull(realServer, "realServer");
            Objects.requireNonNull(virtualServer, "virtualServer");
        }
    }

    /**
     * An alive real server was taken out of its virtual server, at reload ({@code shuttingDown}
     * false, body "Removing") or at shutdown with omega (clear_service_rs).
     */
    record RealServerRemoved(Endpoint realServer, VirtualServerId virtualServer, boolean shuttingDown)
            implements AlertEvent {
        public RealServerRemoved {
            Objects.requireNonNull(realServer, "realServer");
            Objects.requireNonNull(virtualServer, "virtualServer");
        }
    }

    /**
     * A virtual server's quorum changed (do_vs_notifies). The numbers are printed as keepalived
     * prints them, {@code quorum+hysteresis=threshold <= weightSum}, whatever the direction: the
     * threshold is quorum + hysteresis when gaining and quorum - hysteresis when losing, and the
     * daemon computes it as keepalived does.
     */
    record QuorumChanged(VirtualServerId virtualServer, QuorumTransition transition, long quorum,
                         long hysteresis, long threshold, long weightSum) implements AlertEvent {
        public QuorumChanged {
            Objects.requireNonNull(virtualServer, "virtualServer");
            Objects.requireNonNull(transition, "transition");
        }

        /** The quorum state after this change. */
        public boolean up() {
            return transition.up();
        }
    }

    private static void requirePriority(int priority) {
        if (priority < 0 || priority > 255) {
            throw new IllegalArgumentException("priority outside 0..255: " + priority);
        }
    }
}
