package dev.vigil.ipvs.sched;

import java.util.List;

/**
 * One IPVS scheduling algorithm bound to one service, with the kernel's exact semantics.
 *
 * <p>{@code destinations} is always the service's list in kernel order (newest first). The
 * owner calls {@link #destinationsChanged} with {@link DestinationChange#INITIAL} once, and
 * again after every change to the list or to a destination's weight/thresholds, before the
 * next {@link #schedule}. Instances are not thread-safe: the owner serialises calls (the
 * kernel holds {@code svc->sched_lock} for the stateful ones).
 */
public interface IpvsScheduler {

    /** The kernel name: "rr", "wrr", "wlc", ... */
    String name();

    /** Rebuilds whatever state depends on the list (tables, cursors, weights). */
    default void destinationsChanged(List<? extends DestinationView> destinations, DestinationChange change) {
    }

    /**
     * The destination for a new connection, or {@code null} when none may take it
     * ({@code ip_vs_scheduler_err}: "no destination available").
     */
    DestinationView schedule(List<? extends DestinationView> destinations, Flow flow);
}
