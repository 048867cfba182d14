package dev.vigil.vrrp.fsm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.vrrp.codec.VrrpVersion;
import org.junit.jupiter.api.Test;

/** RFC 3768 §6.1 / RFC 5798 §6.1 timer formulas, with keepalived's down_timer_adverts. */
class MasterDownTimingTest {

    @Test
    void v2SkewIsAFractionOfOneSecond() {
        // RFC 3768 §6.1: Skew_Time = (256 - Priority) / 256 seconds.
        assertEquals(609_375_000L, MasterDownTiming.skewNanos(VrrpVersion.V2, 100, 100));
        assertEquals(3_906_250L, MasterDownTiming.skewNanos(VrrpVersion.V2, 255, 300), "independent of the interval");
    }

    @Test
    void v3SkewScalesWithTheMasterInterval() {
        // RFC 5798 §6.1: Skew_Time = ((256 - Priority) * Master_Adver_Interval) / 256.
        assertEquals(609_375_000L, MasterDownTiming.skewNanos(VrrpVersion.V3, 100, 100));
        assertEquals(30_468_750L, MasterDownTiming.skewNanos(VrrpVersion.V3, 100, 5));
        assertEquals(195_312L, MasterDownTiming.skewNanos(VrrpVersion.V3, 255, 5));
    }

    @Test
    void masterDownIntervalIsAdvertsTimesIntervalPlusSkew() {
        // RFC 5798 §6.1: Master_Down_Interval = (3 * Master_Adver_Interval) + Skew_Time.
        assertEquals(3_609_375_000L, MasterDownTiming.masterDownNanos(VrrpVersion.V2, 100, 100, 3));
        // DESIGN target case: v3 at advert_int 0.05 s.
        assertEquals(150_000_000L + 30_468_750L, MasterDownTiming.masterDownNanos(VrrpVersion.V3, 100, 5, 3));
        // keepalived down_timer_adverts replaces the 3.
        assertEquals(5_609_375_000L, MasterDownTiming.masterDownNanos(VrrpVersion.V2, 100, 100, 5));
    }
}
