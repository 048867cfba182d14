package dev.vigil.vrrp.runtime;

import static dev.vigil.vrrp.runtime.Packets.v4;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.vrrp.codec.AdvertExpectations;
import dev.vigil.vrrp.codec.VrrpVersion;
import dev.vigil.vrrp.fsm.InstanceSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-instance options and GARP settings reach the state machine and the advert checks. */
class InstanceOptionsTest {

    private static final VrrpInstanceSettings BASE = VrrpInstanceSettings.of("VI_1", "eth0", 7, VrrpVersion.V3, 100,
            10, List.of(VirtualAddress.of(v4("10.0.0.100"), 24)));

    @Test
    void defaultsAreKeepalivedsAndTheOldConstructorKeepsThem() {
        InstanceSettings machine = InstanceDriver.machineSettings(BASE, v4("10.0.0.1"));
        assertEquals(3, machine.downTimerAdverts());
        assertFalse(machine.lowerPrioNoAdvert() || machine.higherPrioSendAdvert());
        assertEquals(0, machine.startupDelayNanos());
        assertEquals(dev.vigil.vrrp.fsm.GarpSettings.defaults(), machine.garp());
        assertEquals(InstanceOptions.KEEPALIVED_DEFAULTS, BASE.options());
        assertEquals(255, BASE.options().unicastTtl());
    }

    @Test
    void everyOptionIsCarried() {
        InstanceOptions options = InstanceOptions.KEEPALIVED_DEFAULTS.withDownTimerAdverts(5)
                .withLowerPrioNoAdvert(true).withHigherPrioSendAdvert(true).withStartupDelay(Duration.ofSeconds(2))
                .withOwnerIgnoreAdverts(true).withCheckUnicastSource(true).withSkipCheckAdvAddr(true)
                .withUnicastTtl(64).withV3ChecksumAsV2(true).withDontTrackPrimary(true);
        GarpSettings garp = new GarpSettings(Duration.ofSeconds(3), 2, 4, Duration.ZERO)
                .withMasterRefresh(Duration.ofSeconds(60), 3).withLowerPrioDelay(Duration.ofSeconds(7));
        VrrpInstanceSettings s = BASE.withOptions(options).withGarp(garp);

        InstanceSettings machine = InstanceDriver.machineSettings(s, v4("10.0.0.1"));
        assertEquals(5, machine.downTimerAdverts());
        assertTrue(machine.lowerPrioNoAdvert() && machine.higherPrioSendAdvert());
        assertEquals(2_000_000_000L, machine.startupDelayNanos());
        assertEquals(new dev.vigil.vrrp.fsm.GarpSettings(2, 3_000_000_000L, 60_000_000_000L, 3, 4, 7_000_000_000L),
                machine.garp());
        AdvertExpectations expected = InstanceDriver.expectations(s);
        assertTrue(expected.ownerIgnoreAdverts() && expected.checkUnicastSource());
        assertEquals(options, s.withPreempt(true, Duration.ZERO).withTrackers(List.of()).options(), "withers keep options");
    }

    @Test
    void theFourValueGarpConstructorCopiesTheMasterDelayAndRepeatZeroBecomesOne() {
        GarpSettings garp = new GarpSettings(Duration.ofSeconds(9), 0, 0, Duration.ZERO);
        assertEquals(Duration.ofSeconds(9), garp.lowerPrioDelay());
        assertEquals(Duration.ZERO, garp.masterRefresh());
        assertEquals(1, garp.machineSettings().masterRepeat());
        assertEquals(0, garp.machineSettings().lowerPrioRepeat());
    }

    @Test
    void outOfRangeOptionsAreRefused() {
        InstanceOptions d = InstanceOptions.KEEPALIVED_DEFAULTS;
        assertThrows(IllegalArgumentException.class, () -> d.withDownTimerAdverts(0));
        assertThrows(IllegalArgumentException.class, () -> d.withDownTimerAdverts(101));
        assertThrows(IllegalArgumentException.class, () -> d.withUnicastTtl(0));
        assertThrows(IllegalArgumentException.class, () -> d.withStartupDelay(Duration.ofSeconds(-1)));
    }
}
