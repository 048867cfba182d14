package dev.vigil.vrrp.runtime;

import dev.vigil.vrrp.codec.VrrpWire;
import dev.vigil.vrrp.fsm.InstanceSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * The less common per-instance keywords of a {@code vrrp_instance} (keepalived reference §1.1),
 * each defaulting to keepalived's value ({@link #KEEPALIVED_DEFAULTS}). Part of
 * {@link VrrpInstanceSettings}; change one with the {@code with...} methods.
 *
 * @param downTimerAdverts     {@code down_timer_adverts}, 1..100 (default 3, the RFC's multiplier)
 * @param lowerPrioNoAdvert    {@code lower_prio_no_advert}: a master answers no lower-priority advert
 * @param higherPrioSendAdvert {@code higher_prio_send_advert}: a master advertises once before yielding
 * @param startupDelay         global {@code vrrp_startup_delay}: adverts ignored and timers held this
 *                             long after start (zero = none)
 * @param skipCheckAdvAddr     {@code skip_check_adv_addr}: compare the address list only with a new master
 * @param checkUnicastSource   {@code check_unicast_src} (or the global {@code vrrp_check_unicast_src}):
 *                             unicast adverts only from configured peers
 * @param ownerIgnoreAdverts   {@code owner_ignore_adverts}: an address owner ignores adverts
 * @param unicastTtl           {@code unicast_ttl}: TTL / hop limit of unicast adverts, 1..255 (default
 *                             255; multicast adverts always use 255, RFC 5798 §5.1.1.3)
 * @param v3ChecksumAsV2       {@code v3_checksum_as_v2}: VRRPv3 over IPv4 checksummed without the
 *                             pseudo-header, sent and expected
 * @param dontTrackPrimary     {@code dont_track_primary}: the instance's own interface going down is
 *                             no FAULT
 */
public record InstanceOptions(
        int downTimerAdverts,
        boolean lowerPrioNoAdvert,
        boolean higherPrioSendAdvert,
        Duration startupDelay,
        boolean skipCheckAdvAddr,
        boolean checkUnicastSource,
        boolean ownerIgnoreAdverts,
        int unicastTtl,
        boolean v3ChecksumAsV2,
        boolean dontTrackPrimary) {

    /** keepalived's defaults for every option. */
    public static final InstanceOptions KEEPALIVED_DEFAULTS = new InstanceOptions(
            InstanceSettings.DEFAULT_DOWN_TIMER_ADVERTS, false, false, Duration.ZERO, false, false, false,
            VrrpWire.REQUIRED_TTL, false, false);

    /** keepalived's bounds for {@code down_timer_adverts} (vrrp_parser.c). */
    private static final int MAX_DOWN_TIMER_ADVERTS = 100;
    private static final int MAX_TTL = 255;

    public InstanceOptions {
        Objects.requireNonNull(startupDelay, "startupDelay");
        if (downTimerAdverts < 1 || downTimerAdverts > MAX_DOWN_TIMER_ADVERTS) {
            throw new IllegalArgumentException("down_timer_adverts " + downTimerAdverts + " is outside 1..100");
        }
        if (unicastTtl < 1 || unicastTtl > MAX_TTL) {
            throw new IllegalArgumentException("unicast_ttl " + unicastTtl + " is outside 1..255");
        }
        if (startupDelay.isNegative()) {
            throw new IllegalArgumentException("vrrp_startup_delay cannot be negative");
        }
    }

    public InstanceOptions withDownTimerAdverts(int value) {
        return new InstanceOptions(value, lowerPrioNoAdvert, higherPrioSendAdvert, startupDelay, skipCheckAdvAddr,
                checkUnicastSource, ownerIgnoreAdverts, unicastTtl, v3ChecksumAsV2, dontTrackPrimary);
    }

    public InstanceOptions withLowerPrioNoAdvert(boolean value) {
        return new InstanceOptions(downTimerAdverts, value, higherPrioSendAdvert, startupDelay, skipCheckAdvAddr,
                checkUnicastSource, ownerIgnoreAdverts, unicastTtl, v3ChecksumAsV2, dontTrackPrimary);
    }

    public InstanceOptions withHigherPrioSendAdvert(boolean value) {
        return new InstanceOptions(downTimerAdverts, lowerPrioNoAdvert, value, startupDelay, skipCheckAdvAddr,
                checkUnicastSource, ownerIgnoreAdverts, unicastTtl, v3ChecksumAsV2, dontTrackPrimary);
    }

    public InstanceOptions withStartupDelay(Duration value) {
        return new InstanceOptions(downTimerAdverts, lowerPrioNoAdvert, higherPrioSendAdvert, value, skipCheckAdvAddr,
                checkUnicastSource, ownerIgnoreAdverts, unicastTtl, v3ChecksumAsV2, dontTrackPrimary);
    }

    public InstanceOptions withSkipCheckAdvAddr(boolean value) {
        return new InstanceOptions(downTimerAdverts, lowerPrioNoAdvert, higherPrioSendAdvert, startupDelay, value,
                checkUnicastSource, ownerIgnoreAdverts, unicastTtl, v3ChecksumAsV2, dontTrackPrimary);
    }

    public InstanceOptions withCheckUnicastSource(boolean value) {
        return new InstanceOptions(downTimerAdverts, lowerPrioNoAdvert, higherPrioSendAdvert, startupDelay,
                skipCheckAdvAddr, value, ownerIgnoreAdverts, unicastTtl, v3ChecksumAsV2, dontTrackPrimary);
    }

    public InstanceOptions withOwnerIgnoreAdverts(boolean value) {
        return new InstanceOptions(downTimerAdverts, lowerPrioNoAdvert, higherPrioSendAdvert, startupDelay,
                skipCheckAdvAddr, checkUnicastSource, value, unicastTtl, v3ChecksumAsV2, dontTrackPrimary);
    }

    public InstanceOptions withUnicastTtl(int value) {
        return new InstanceOptions(downTimerAdverts, lowerPrioNoAdvert, higherPrioSendAdvert, startupDelay,
                skipCheckAdvAddr, checkUnicastSource, ownerIgnoreAdverts, value, v3ChecksumAsV2, dontTrackPrimary);
    }

    public InstanceOptions withV3ChecksumAsV2(boolean value) {
        return new InstanceOptions(downTimerAdverts, lowerPrioNoAdvert, higherPrioSendAdvert, startupDelay,
                skipCheckAdvAddr, checkUnicastSource, ownerIgnoreAdverts, unicastTtl, value, dontTrackPrimary);
    }

    public InstanceOptions withDontTrackPrimary(boolean value) {
        return new InstanceOptions(downTimerAdverts, lowerPrioNoAdvert, higherPrioSendAdvert, startupDelay,
                skipCheckAdvAddr, checkUnicastSource, ownerIgnoreAdverts, unicastTtl, v3ChecksumAsV2, value);
    }
}
