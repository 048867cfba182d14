package dev.vigil.vrrp.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * Gratuitous ARP / unsolicited NA settings of one instance (keepalived reference §1.1,
 * "GARP / NA").
 *
 * @param masterDelay       {@code garp_master_delay}: when the second burst follows becoming
 *                          master (zero = no second burst)
 * @param masterRepeat      {@code garp_master_repeat}: announcements per address per burst
 * @param lowerPrioRepeat   {@code garp_lower_prio_repeat}: per address when a lower-priority
 *                          master is heard (0 = none)
 * @param interval          {@code vrrp_garp_interval} / {@code vrrp_gna_interval}: pause
 *                          between two announcements of a burst (zero = back to back)
 */
public record GarpSettings(Duration masterDelay, int masterRepeat, int lowerPrioRepeat, Duration interval) {

    /** keepalived's defaults: second burst after 5 s, 5 announcements per burst, no pause. */
    public static final GarpSettings KEEPALIVED_DEFAULTS = new GarpSettings(Duration.ofSeconds(5), 5, 5, Duration.ZERO);

    public GarpSettings {
        Objects.requireNonNull(masterDelay, "masterDelay");
        Objects.requireNonNull(interval, "interval");
        if (masterDelay.isNegative() || interval.isNegative()) {
            throw new IllegalArgumentException("GARP delays cannot be negative");
        }
        if (masterRepeat < 0 || lowerPrioRepeat < 0) {
            throw new IllegalArgumentException("GARP repeat counts cannot be negative");
        }
    }
}
