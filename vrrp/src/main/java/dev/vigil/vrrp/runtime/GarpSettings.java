package dev.vigil.vrrp.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * Gratuitous ARP / unsolicited NA settings of one instance (keepalived reference §1.1,
 * "GARP / NA"), as the daemon gives them to the runtime.
 *
 * <p>Why a second record next to {@link dev.vigil.vrrp.fsm.GarpSettings}: the state machine only
 * decides when a burst is due and how big it is (nanosecond longs, no clock types); spacing the
 * packets of one burst ({@link #interval()}) is the runtime's business and the machine never
 * sees it. This record carries everything, in {@link Duration}s, and
 * {@link #machineSettings()} converts it; the four-value constructor stays for existing callers.
 *
 * @param masterDelay         {@code garp_master_delay}: when the second burst follows becoming
 *                            master (zero = no second burst)
 * @param masterRepeat        {@code garp_master_repeat}: announcements per address per burst
 *                            (keepalived's parser turns 0 into 1)
 * @param lowerPrioRepeat     {@code garp_lower_prio_repeat}: per address when a lower-priority
 *                            master is heard (0 = none)
 * @param interval            {@code vrrp_garp_interval} / {@code vrrp_gna_interval}: pause
 *                            between two announcements of a burst (zero = back to back)
 * @param masterRefresh       {@code garp_master_refresh}: periodic bursts while master (zero = off)
 * @param masterRefreshRepeat {@code garp_master_refresh_repeat}: burst size of a refresh (0 is read as 1)
 * @param lowerPrioDelay      {@code garp_lower_prio_delay}: a second lower-priority burst this long later
 */
public record GarpSettings(Duration masterDelay, int masterRepeat, int lowerPrioRepeat, Duration interval,
                           Duration masterRefresh, int masterRefreshRepeat, Duration lowerPrioDelay) {

    /** keepalived's defaults: second burst after 5 s, 5 announcements per burst, no pause, no refresh. */
    public static final GarpSettings KEEPALIVED_DEFAULTS = new GarpSettings(Duration.ofSeconds(5), 5, 5, Duration.ZERO);

    public GarpSettings {
        Objects.requireNonNull(masterDelay, "masterDelay");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(masterRefresh, "masterRefresh");
        Objects.requireNonNull(lowerPrioDelay, "lowerPrioDelay");
        if (masterDelay.isNegative() || interval.isNegative() || masterRefresh.isNegative()
                || lowerPrioDelay.isNegative()) {
            throw new IllegalArgumentException("GARP delays cannot be negative");
        }
        if (masterRepeat < 0 || lowerPrioRepeat < 0 || masterRefreshRepeat < 0) {
            throw new IllegalArgumentException("GARP repeat counts cannot be negative");
        }
    }

    /**
     * No refresh, one packet per refresh, and the lower-priority delay equal to the master delay
     * (keepalived global_data.c: the lower-priority values default to the master ones).
     */
    public GarpSettings(Duration masterDelay, int masterRepeat, int lowerPrioRepeat, Duration interval) {
        this(masterDelay, masterRepeat, lowerPrioRepeat, interval, Duration.ZERO,
                dev.vigil.vrrp.fsm.GarpSettings.DEFAULT_REFRESH_REPEAT, masterDelay);
    }

    /** Same settings with {@code garp_master_refresh} and {@code garp_master_refresh_repeat}. */
    public GarpSettings withMasterRefresh(Duration refresh, int refreshRepeat) {
        return new GarpSettings(masterDelay, masterRepeat, lowerPrioRepeat, interval, refresh, refreshRepeat,
                lowerPrioDelay);
    }

    /** Same settings with {@code garp_lower_prio_delay}. */
    public GarpSettings withLowerPrioDelay(Duration delay) {
        return new GarpSettings(masterDelay, masterRepeat, lowerPrioRepeat, interval, masterRefresh,
                masterRefreshRepeat, delay);
    }

    /**
     * What the state machine needs. Repeats of 0 for the master and refresh bursts become 1, as
     * keepalived's parser does (vrrp_parser.c garp repeat handlers).
     */
    public dev.vigil.vrrp.fsm.GarpSettings machineSettings() {
        return new dev.vigil.vrrp.fsm.GarpSettings(Math.max(1, masterRepeat), masterDelay.toNanos(),
                masterRefresh.toNanos(), Math.max(1, masterRefreshRepeat), lowerPrioRepeat, lowerPrioDelay.toNanos());
    }
}
