package dev.vigil.ipvs.sched;

/**
 * How a service's destination list just changed; the kernel's {@code init_service},
 * {@code add_dest}, {@code del_dest} and {@code upd_dest} scheduler hooks.
 */
public sealed interface DestinationChange {

    /** The scheduler was just bound to the service (init_service, or a scheduler switch). */
    record Initial() implements DestinationChange {
    }

    /** {@code destination} was inserted at the head of the list. */
    record Added(DestinationView destination) implements DestinationChange {
    }

    /** {@code destination} was removed; it was at {@code formerIndex} in the old list. */
    record Removed(DestinationView destination, int formerIndex) implements DestinationChange {
    }

    /** Weight, thresholds or forwarding of {@code destination} changed. */
    record Updated(DestinationView destination) implements DestinationChange {
    }

    DestinationChange INITIAL = new Initial();
}
