package dev.vigil.vrrp.fsm;

import java.net.InetAddress;
import java.util.List;

/**
 * keepalived's handling of a second address owner (vrrp.c vrrp_state_master_rx and
 * vrrp_state_master_tx, {@code rogue_counter} and the rogue timer), for a master at priority 255
 * that hears priority 255 from another address:
 * <ul>
 *   <li>from a higher address: only a warning; the usual tie-break makes us backup;</li>
 *   <li>from a lower address, first time: a warning, and we count two more adverts of our own;
 *       after the second one we wait 1.2 × max(our interval, the rogue's) for it to fall
 *       silent ({@link TimerKind#ROGUE_OWNER});</li>
 *   <li>from a lower address while that wait runs: the rogue will not yield, so we back off
 *       to priority 254 (and the tie-break then makes us backup).</li>
 * </ul>
 */
final class RogueOwnerWatch {

    /** keepalived counts our own adverts before it arms the rogue timer. */
    private static final int ADVERTS_BEFORE_WAIT = 2;
    /** "a bit more than" the longer interval: keepalived uses 12/10. */
    private static final int WAIT_NUMERATOR = 12;
    private static final int WAIT_DENOMINATOR = 10;

    private final Deadlines timers;
    private int ownIntervalCentis;
    private int counter;
    private int rogueIntervalCentis;

    RogueOwnerWatch(Deadlines timers, int ownIntervalCentis) {
        this.timers = timers;
        this.ownIntervalCentis = ownIntervalCentis;
    }

    /**
     * Another owner advertised priority 255 while we are master at 255.
     *
     * @param byAddress the sender's address compared with ours (non-zero)
     * @return whether we must back off to 254
     */
    boolean heard(InetAddress peer, int byAddress, int peerIntervalCentis, List<Effect> out) {
        if (byAddress > 0) {
            out.add(new Effect.AddressOwnerConflict(peer, false));
            return false;
        }
        if (timers.pending(TimerKind.ROGUE_OWNER)) {
            timers.cancel(TimerKind.ROGUE_OWNER, out);
            out.add(new Effect.AddressOwnerConflict(peer, true));
            return true;
        }
        rogueIntervalCentis = peerIntervalCentis;
        if (counter == 0) {
            out.add(new Effect.AddressOwnerConflict(peer, false));
            counter = ADVERTS_BEFORE_WAIT;
        }
        return false;
    }

    /** A reload changed our advert interval. */
    void ownInterval(int centis) {
        ownIntervalCentis = centis;
    }

    /** We sent a periodic advert as master. */
    void advertSent(long now, List<Effect> out) {
        if (counter > 0 && --counter == 0) {
            long interval = Math.max(rogueIntervalCentis, ownIntervalCentis) * MasterDownTiming.NANOS_PER_CENTI;
            timers.arm(TimerKind.ROGUE_OWNER, now + interval * WAIT_NUMERATOR / WAIT_DENOMINATOR, out);
        }
    }

    /** The wait ended without another owner advert: we stay master. */
    void waitOver(long now) {
        timers.due(TimerKind.ROGUE_OWNER, now);
    }

    /** Leaving master, or becoming master afresh: forget the count and the wait. */
    void reset(List<Effect> out) {
        counter = 0;
        timers.cancelIfPending(TimerKind.ROGUE_OWNER, out);
    }
}
