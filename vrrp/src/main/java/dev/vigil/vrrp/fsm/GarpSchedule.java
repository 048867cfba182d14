package dev.vigil.vrrp.fsm;

import dev.vigil.vrrp.fsm.Effect.GratuitousReason;
import dev.vigil.vrrp.fsm.Effect.SendGratuitous;
import java.util.List;

/**
 * The gratuitous ARP / NA bursts of one instance while it is master (keepalived
 * vrrp_state_become_master, vrrp_state_master_rx and the GARP threads of vrrp_scheduler.c): the
 * burst on becoming master, the second one {@code garp_master_delay} later, the periodic
 * {@code garp_master_refresh} bursts, and the lower-priority burst with its delayed repeat.
 * The owning {@link InstanceStateMachine} checks that it is master before calling in.
 */
final class GarpSchedule {

    private final GarpSettings garp;
    private final Deadlines timers;

    GarpSchedule(GarpSettings garp, Deadlines timers) {
        this.garp = garp;
        this.timers = timers;
    }

    /** The first burst on becoming master. */
    void becameMaster(List<Effect> out) {
        out.add(new SendGratuitous(GratuitousReason.BECAME_MASTER, garp.masterRepeat()));
    }

    /** Armed after the advert timer, so the runtime sees the advert schedule first. */
    void armFollowUps(long now, List<Effect> out) {
        if (garp.masterDelayNanos() > 0) {
            timers.arm(TimerKind.GARP_DELAY, now + garp.masterDelayNanos(), out);
        }
        if (garp.masterRefreshNanos() > 0) {
            timers.arm(TimerKind.GARP_REFRESH, now + garp.masterDelayNanos() + garp.masterRefreshNanos(), out);
        }
    }

    /**
     * A reload added VIPs to a master: keepalived (clear_diff_vrrp) announces every VIP at once
     * and again {@code garp_master_delay} later.
     */
    void addressesAdded(long now, List<Effect> out) {
        out.add(new SendGratuitous(GratuitousReason.ADDRESSES_ADDED, garp.masterRepeat()));
        if (garp.masterDelayNanos() > 0) {
            timers.arm(TimerKind.GARP_DELAY, now + garp.masterDelayNanos(), out);
        }
    }

    /** New GARP settings on a master: the refresh restarts from now with the new period (or stops). */
    void restartRefresh(long now, List<Effect> out) {
        timers.cancelIfPending(TimerKind.GARP_REFRESH, out);
        if (garp.masterRefreshNanos() > 0) {
            timers.arm(TimerKind.GARP_REFRESH, now + garp.masterRefreshNanos(), out);
        }
    }

    /** keepalived garp_lower_prio_repeat / garp_lower_prio_delay. */
    void lowerPriority(GratuitousReason reason, long now, List<Effect> out) {
        if (garp.lowerPrioRepeat() == 0) {
            return;
        }
        out.add(new SendGratuitous(reason, garp.lowerPrioRepeat()));
        if (garp.lowerPrioDelayNanos() > 0) {
            // keepalived starts one timer per lower advert; one pending burst is enough here.
            timers.arm(TimerKind.GARP_LOWER_PRIO_DELAY, now + garp.lowerPrioDelayNanos(), out);
        }
    }

    /** A GARP timer expired; does nothing if it was not due. */
    void fired(TimerKind kind, long now, List<Effect> out) {
        if (!timers.due(kind, now)) {
            return;
        }
        switch (kind) {
            case GARP_DELAY -> out.add(new SendGratuitous(GratuitousReason.MASTER_DELAY, garp.masterRepeat()));
            case GARP_LOWER_PRIO_DELAY -> out.add(new SendGratuitous(GratuitousReason.LOWER_PRIORITY_DELAY,
                    garp.lowerPrioRepeat()));
            case GARP_REFRESH -> {
                out.add(new SendGratuitous(GratuitousReason.MASTER_REFRESH, garp.masterRefreshRepeat()));
                timers.arm(TimerKind.GARP_REFRESH, now + garp.masterRefreshNanos(), out);
            }
            default -> throw new IllegalArgumentException("not a GARP timer: " + kind);
        }
    }

    /** Leaving master: no more bursts. */
    void stop(List<Effect> out) {
        timers.cancelIfPending(TimerKind.GARP_DELAY, out);
        timers.cancelIfPending(TimerKind.GARP_REFRESH, out);
        timers.cancelIfPending(TimerKind.GARP_LOWER_PRIO_DELAY, out);
    }
}
