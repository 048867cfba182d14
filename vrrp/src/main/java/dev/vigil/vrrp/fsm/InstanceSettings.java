package dev.vigil.vrrp.fsm;

import dev.vigil.vrrp.codec.VrrpVersion;
import java.net.InetAddress;
import java.util.Objects;

/**
 * What the state machine needs from one {@code vrrp_instance}. The daemon builds it from the
 * configuration; the engine never sees the config model.
 *
 * @param vrid                  virtual router id, 1..255
 * @param version               VRRP version (decides the skew formula and interval adoption)
 * @param basePriority          configured priority 1..255; 255 = address owner
 * @param advertIntervalCentis  configured {@code advert_int} in centiseconds (v2: a multiple of 100)
 * @param startAsMaster         {@code state MASTER}; only an owner (255) acts on it at once. An owner
 *                              with {@code state BACKUP} starts as a backup, waits a full
 *                              Master_Down_Interval and then preempts anyone lower (vrrp_init_state)
 * @param nopreempt             {@code nopreempt}: a backup accepts lower-priority adverts
 * @param preemptDelayNanos     {@code preempt_delay} (0 = none)
 * @param downTimerAdverts      {@code down_timer_adverts}, 1..100 (RFC value 3)
 * @param lowerPrioNoAdvert     {@code lower_prio_no_advert}: a master stays silent on lower adverts
 * @param higherPrioSendAdvert  {@code higher_prio_send_advert}: a master advertises once before yielding
 * @param garp                  gratuitous ARP / NA bursts, delays and refresh
 * @param startupDelayNanos     global {@code vrrp_startup_delay}: adverts are ignored and timers start
 *                              this long after {@link Input.Startup} (0 = none)
 * @param primaryAddress        our source address, compared with the master's on equal priority
 */
public record InstanceSettings(
        int vrid,
        VrrpVersion version,
        int basePriority,
        int advertIntervalCentis,
        boolean startAsMaster,
        boolean nopreempt,
        long preemptDelayNanos,
        int downTimerAdverts,
        boolean lowerPrioNoAdvert,
        boolean higherPrioSendAdvert,
        GarpSettings garp,
        long startupDelayNanos,
        InetAddress primaryAddress) {

    /** The RFC's Master_Down_Interval multiplier and keepalived's default. */
    public static final int DEFAULT_DOWN_TIMER_ADVERTS = 3;

    public InstanceSettings {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(primaryAddress, "primaryAddress");
        Objects.requireNonNull(garp, "garp");
        requireRange("vrid", vrid, 1, 255);
        requireRange("priority", basePriority, 1, 255);
        requireRange("down_timer_adverts", downTimerAdverts, 1, 100);
        if (advertIntervalCentis < 1) {
            throw new IllegalArgumentException("advert interval must be positive: " + advertIntervalCentis + " cs");
        }
        if (version == VrrpVersion.V2 && advertIntervalCentis % 100 != 0) {
            throw new IllegalArgumentException("v2 advert interval is whole seconds: " + advertIntervalCentis + " cs");
        }
        if (preemptDelayNanos < 0 || startupDelayNanos < 0) {
            throw new IllegalArgumentException("delays cannot be negative");
        }
    }

    /**
     * keepalived's defaults for everything but the identity: preempting, no preempt delay,
     * 3 adverts, adverts on lower priority, {@link GarpSettings#defaults()}, no startup delay.
     */
    public static InstanceSettings defaults(int vrid, VrrpVersion version, int priority, int advertIntervalCentis,
                                            InetAddress primaryAddress) {
        return new InstanceSettings(vrid, version, priority, advertIntervalCentis, priority == 255, false, 0,
                DEFAULT_DOWN_TIMER_ADVERTS, false, false, GarpSettings.defaults(), 0, primaryAddress);
    }

    /** Whether this instance owns the addresses (priority 255, RFC 5798 §6.1). */
    public boolean owner() {
        return basePriority == 255;
    }

    private static void requireRange(String what, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " " + value + " is outside " + min + ".." + max);
        }
    }
}
