package dev.vigil.ipvs.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Overload flag and last weight as ip_vs_bind_dest / ip_vs_unbind_dest / __ip_vs_update_dest. */
class RealServerTest {

    @Test
    void upperThresholdSetsOverloadAndThreeQuartersClearsItWithoutLowerThreshold() {
        RealServer d = Dests.server("10.0.4.1", 1);
        d.update(d.settings().withThresholds(4, 0));
        for (int i = 0; i < 3; i++) {
            d.bind(false, true);
        }
        assertFalse(d.overloaded());
        d.bind(false, false);
        assertTrue(d.overloaded(), "4 ≥ upper 4");
        d.unbind(false, true);
        assertTrue(d.overloaded(), "3*4 = 12 is not < 4*3 = 12");
        d.unbind(false, true);
        assertFalse(d.overloaded(), "2*4 = 8 < 12");
    }

    @Test
    void lowerThresholdClearsOverloadBelowIt() {
        RealServer d = Dests.server("10.0.4.1", 1);
        d.update(d.settings().withThresholds(3, 1));
        for (int i = 0; i < 3; i++) {
            d.bind(false, true);
        }
        assertTrue(d.overloaded());
        d.unbind(false, true);
        d.unbind(false, true);
        assertTrue(d.overloaded(), "1 is not below lower 1");
        d.unbind(false, true);
        assertFalse(d.overloaded());
    }

    @Test
    void templatesCountAsPersistentNotTowardsTheThreshold() {
        RealServer d = Dests.server("10.0.4.1", 1);
        d.update(d.settings().withThresholds(1, 0));
        d.bind(true, false);
        assertFalse(d.overloaded());
        assertEquals(1, d.persistentConnections());
        assertEquals(0, d.overhead());
    }

    @Test
    void lastWeightKeepsTheLatestNonZeroWeight() {
        RealServer d = Dests.server("10.0.4.1", 5);
        assertEquals(5, d.lastWeight());
        d.update(d.settings().withWeight(0));
        assertEquals(0, d.weight());
        assertEquals(5, d.lastWeight());
        d.update(d.settings().withWeight(2));
        assertEquals(2, d.lastWeight());
        assertEquals(0, Dests.server("10.0.4.2", 0).lastWeight());
    }

    @Test
    void overheadWeighsActive256TimesInactive() {
        RealServer d = Dests.server("10.0.4.1", 1);
        Dests.setActive(d, 2, 3);
        assertEquals(2 * 256 + 3, d.overhead());
        d.activityChanged(false);
        assertEquals(256 + 4, d.overhead());
    }
}
