package dev.vigil.vrrp.track;

/**
 * A tracker's weight as keepalived configures it: {@code weight N [reverse]}. Weight 0 means
 * "no priority change; FAULT while the object is down" (reverse: while it is up). A non-zero
 * weight is added to the priority: a positive one while the object is up, a negative one while
 * it is down; {@code reverse} multiplies the added value by -1 (vrrp_track.c
 * initialise_*_tracking_priorities).
 *
 * @param value   -254..254 (keepalived allows ±254 only for track_file; interfaces and scripts
 *                clamp ±254 to ±253, the config adapter's job)
 * @param reverse invert the direction
 */
public record Weight(int value, boolean reverse) {

    /** The widest range keepalived accepts for any tracker (track_file.c weight handler). */
    public static final int MAX = 254;

    /** No weight, not reversed: FAULT while down. */
    public static final Weight FAULT_ONLY = new Weight(0, false);

    public Weight {
        if (value < -MAX || value > MAX) {
            throw new IllegalArgumentException("weight " + value + " is outside " + -MAX + ".." + MAX);
        }
    }

    public static Weight of(int value) {
        return new Weight(value, false);
    }

    /** keepalived {@code weight_multiplier}: -1 with {@code reverse}, else 1. */
    public int multiplier() {
        return reverse ? -1 : 1;
    }

    /** Weight 0: the tracker decides FAULT, not priority. */
    public boolean faultMode() {
        return value == 0;
    }

    /**
     * The priority change for an object that is {@code up} (script OK, interface up): a positive
     * weight counts while up, a negative one while down, each times the multiplier. Only for
     * non-zero weights.
     */
    int delta(boolean up) {
        boolean counts = value > 0 ? up : !up;
        return counts ? value * multiplier() : 0;
    }

    /** For weight 0: whether {@code up} means FAULT (down, or up when reversed). */
    boolean faultWhen(boolean up) {
        return up == reverse;
    }
}
