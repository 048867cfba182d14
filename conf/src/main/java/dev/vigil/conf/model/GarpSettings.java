package dev.vigil.conf.model;

import java.time.Duration;
import java.util.Objects;

/**
 * Gratuitous ARP / unsolicited NA settings of one instance, resolved from the instance's
 * keywords and the {@code vrrp_garp_*} globals.
 *
 * @param masterDelay delay before the second burst after becoming master
 * @param masterRefresh period of refresh bursts while master; zero means off
 */
public record GarpSettings(
        Duration masterDelay,
        int masterRepeat,
        Duration masterRefresh,
        int masterRefreshRepeat,
        Duration lowerPrioDelay,
        int lowerPrioRepeat) {

    public GarpSettings {
        Objects.requireNonNull(masterDelay, "masterDelay");
        Objects.requireNonNull(masterRefresh, "masterRefresh");
        Objects.requireNonNull(lowerPrioDelay, "lowerPrioDelay");
    }
}
