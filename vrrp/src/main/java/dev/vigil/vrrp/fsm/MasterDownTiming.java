package dev.vigil.vrrp.fsm;

import dev.vigil.vrrp.codec.VrrpVersion;

/**
 * The timer arithmetic of RFC 3768 §6.1 / RFC 5798 §6.1 as keepalived applies it
 * ({@code vrrp.h} VRRP_TIMER_SKEW, VRRP_MS_DOWN_TIMER), in nanoseconds.
 */
public final class MasterDownTiming {

    /** One centisecond. */
    public static final long NANOS_PER_CENTI = 10_000_000L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** Skew is (256 - priority) 256ths of a second (v2) or of the master's interval (v3). */
    private static final int SKEW_DIVISOR = 256;

    private MasterDownTiming() {
    }

    /**
     * Skew_Time. v2: (256 - priority) / 256 s. v3: (256 - priority) × Master_Adver_Interval / 256.
     * keepalived uses the effective priority, except that an owner always counts as 255.
     */
    public static long skewNanos(VrrpVersion version, int priority, int masterAdverIntervalCentis) {
        long weight = SKEW_DIVISOR - priority;
        return version == VrrpVersion.V2
                ? weight * NANOS_PER_SECOND / SKEW_DIVISOR
                : weight * masterAdverIntervalCentis * NANOS_PER_CENTI / SKEW_DIVISOR;
    }

    /** Master_Down_Interval = down_timer_adverts × Master_Adver_Interval + Skew_Time (RFC: 3 ×). */
    public static long masterDownNanos(VrrpVersion version, int priority, int masterAdverIntervalCentis,
                                       int downTimerAdverts) {
        return downTimerAdverts * masterAdverIntervalCentis * NANOS_PER_CENTI
                + skewNanos(version, priority, masterAdverIntervalCentis);
    }
}
