package dev.vigil.vrrp.fsm;

/**
 * How many gratuitous ARPs / unsolicited NAs an instance sends, and when (keepalived's
 * per-instance GARP keywords, reference §1.1 "GARP / NA"). A repeat of 0 sends nothing; a delay
 * or refresh of 0 turns that burst off; the master repeats are at least 1. The runtime spaces the packets of one burst by
 * {@code vrrp_garp_interval}; the state machine only says "send a burst of {@code count}".
 *
 * @param masterRepeat          {@code garp_master_repeat}: burst size on becoming master and after the delay
 * @param masterDelayNanos      {@code garp_master_delay}: the second burst this long after becoming master
 * @param masterRefreshNanos    {@code garp_master_refresh}: periodic bursts while master (0 = off), the
 *                              first one {@code masterDelay + masterRefresh} after becoming master
 * @param masterRefreshRepeat   {@code garp_master_refresh_repeat}: burst size of a refresh
 * @param lowerPrioRepeat       {@code garp_lower_prio_repeat}: burst size when a master hears a lower
 *                              priority advert (0 = none)
 * @param lowerPrioDelayNanos   {@code garp_lower_prio_delay}: a second lower-priority burst this long later
 */
public record GarpSettings(
        int masterRepeat,
        long masterDelayNanos,
        long masterRefreshNanos,
        int masterRefreshRepeat,
        int lowerPrioRepeat,
        long lowerPrioDelayNanos) {

    /** keepalived's default {@code vrrp_garp_master_repeat}. */
    public static final int DEFAULT_REPEAT = 5;
    /** keepalived's default {@code vrrp_garp_master_delay}: 5 s. */
    public static final long DEFAULT_DELAY_NANOS = 5_000_000_000L;
    /** keepalived's default {@code vrrp_garp_master_refresh_repeat}. */
    public static final int DEFAULT_REFRESH_REPEAT = 1;

    public GarpSettings {
        // keepalived's parser turns a master or refresh repeat of 0 into 1 (vrrp_parser.c
        // vrrp_garp_rep_handler); only the lower-priority burst may be switched off with 0.
        requireAtLeast("garp_master_repeat", masterRepeat, 1);
        requireAtLeast("garp_master_refresh_repeat", masterRefreshRepeat, 1);
        requireAtLeast("garp_lower_prio_repeat", lowerPrioRepeat, 0);
        if (masterDelayNanos < 0 || masterRefreshNanos < 0 || lowerPrioDelayNanos < 0) {
            throw new IllegalArgumentException("GARP delays cannot be negative");
        }
    }

    /**
     * keepalived's defaults: 5 ARPs on becoming master and again 5 s later, no refresh, and the
     * lower-priority values copied from the master ones (global_data.c: lower_prio defaults to
     * the master repeat and delay).
     */
    public static GarpSettings defaults() {
        return new GarpSettings(DEFAULT_REPEAT, DEFAULT_DELAY_NANOS, 0, DEFAULT_REFRESH_REPEAT, DEFAULT_REPEAT,
                DEFAULT_DELAY_NANOS);
    }

    /** {@code vrrp_strict}: no lower-priority repeats or delay (vrrp.c strict checks). */
    public GarpSettings strict() {
        return new GarpSettings(masterRepeat, masterDelayNanos, masterRefreshNanos, masterRefreshRepeat, 0, 0);
    }

    private static void requireAtLeast(String what, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(what + " " + value + " is below " + min);
        }
    }
}
