package dev.vigil.vrrp.codec;

/**
 * One instance's IPsec AH sequence number, kept as keepalived keeps it ({@code seq_counter_t}
 * in {@code vrrp_ipsecah.h}, used in {@code vrrp.c}): a single counter for what the instance
 * sends and what it has accepted, so anti-replay holds across a change of master.
 *
 * <ul>
 *   <li>It starts at 0 when the instance is created (keepalived keeps it over a reload, and
 *       so does Vigil, but not over a restart); the first advert carries 1.</li>
 *   <li>Each advert takes the counter plus one; at 0xFFFFFFFE it stops counting and is marked
 *       as cycled, and the instance resets it to 0 when it next becomes master.</li>
 *   <li>A received advert is accepted only if its number is greater than the counter, which
 *       then takes that number (RFC 2402 §3.4.3 anti-replay, in keepalived's simplified form:
 *       no window). So a restarted keepalived master, counting from 1 again, is refused by a
 *       peer that has seen higher numbers until that peer's own adverts have raised it.</li>
 *   <li>A master that accepts a lower-priority advert sets the counter to that advert's number
 *       plus one before it answers (keepalived {@code vrrp_state_master_rx}).</li>
 * </ul>
 *
 * <p>Mutable; confined to the instance's event loop. No I/O.
 */
public final class AhSequence {

    /** keepalived stops incrementing above this value (0xFFFFFFFD). */
    static final long LAST_INCREMENTED = 0xFFFF_FFFDL;

    private long counter;
    private boolean cycled;

    /** The sequence number of the next advert to send. */
    public long nextToSend() {
        if (counter > LAST_INCREMENTED) {
            cycled = true;
        } else {
            counter++;
        }
        return counter;
    }

    /**
     * Anti-replay: whether {@code received} is newer than everything sent or accepted so far;
     * if so it becomes the counter and the cycled mark is cleared.
     */
    public boolean accept(long received) {
        if (received <= counter) {
            return false;
        }
        counter = received;
        cycled = false;
        return true;
    }

    /** A master accepted a lower-priority advert numbered {@code received}: it continues after it. */
    public void masterHeardLowerPriority(long received) {
        counter = (received + 1) & IpsecAh.MAX_SEQUENCE;
        cycled = false;
    }

    /** The instance is becoming master: a counter that has cycled starts again from 0. */
    public void becomingMaster() {
        if (cycled) {
            cycled = false;
            counter = 0;
        }
    }

    /** The last number sent or accepted. */
    public long current() {
        return counter;
    }

    /** Whether the counter has reached its end and waits for a reset. */
    public boolean cycled() {
        return cycled;
    }

    @Override
    public String toString() {
        return "AhSequence[" + counter + (cycled ? ", cycled]" : "]");
    }
}
