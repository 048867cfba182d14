package dev.vigil.vrrp.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Per-tracker contributions (keepalived vrrp_track.c, trackers/track_file.c). */
class ContributionTest {

    private static TrackerSpec.Interface iface(int weight, boolean reverse) {
        return new TrackerSpec.Interface("eth1", new Weight(weight, reverse));
    }

    private static TrackerSpec.Script script(int weight, boolean reverse) {
        return new TrackerSpec.Script("chk", new Weight(weight, reverse));
    }

    private static TrackerSpec.File file(int weight, boolean reverse) {
        return new TrackerSpec.File("/run/p", new Weight(weight, reverse));
    }

    @Test
    void positiveWeightCountsWhileUpNegativeWhileDown() {
        assertEquals(10, iface(10, false).contribution(true).priorityDelta());
        assertEquals(0, iface(10, false).contribution(false).priorityDelta());
        assertEquals(0, iface(-10, false).contribution(true).priorityDelta());
        assertEquals(-10, iface(-10, false).contribution(false).priorityDelta());
    }

    @Test
    void reverseFlipsTheSignOfWhatIsAdded() {
        assertEquals(-10, iface(10, true).contribution(true).priorityDelta());
        assertEquals(10, iface(-10, true).contribution(false).priorityDelta());
        assertEquals(-10, script(10, true).contribution(ScriptStatus.OK).priorityDelta());
    }

    @Test
    void weightZeroFaultsWhileDownOrWhileUpWhenReversed() {
        assertTrue(iface(0, false).contribution(false).faulting());
        assertFalse(iface(0, false).contribution(true).faulting());
        assertTrue(iface(0, true).contribution(true).faulting());
        assertTrue(script(0, false).contribution(ScriptStatus.FAILED).faulting());
        assertTrue(script(0, true).contribution(ScriptStatus.OK).faulting());
        assertFalse(script(0, false).contribution(ScriptStatus.OK).faulting());
    }

    @Test
    void aPendingScriptAddsNothingButHoldsWeightZeroInFault() {
        assertEquals(Contribution.NONE, script(10, false).contribution(ScriptStatus.PENDING));
        assertEquals(Contribution.NONE, script(-10, false).contribution(ScriptStatus.PENDING));
        assertTrue(script(0, false).contribution(ScriptStatus.PENDING).faulting());
    }

    @Test
    void fileValueTimesWeightIsCappedAndFaultsAtMinus254() {
        assertEquals(15, file(5, false).contribution(3).priorityDelta());
        assertEquals(-15, file(5, true).contribution(3).priorityDelta());
        assertEquals(253, file(10, false).contribution(1000).priorityDelta());
        assertEquals(-253, file(1, false).contribution(-253).priorityDelta());
        assertTrue(file(1, false).contribution(-254).faulting());
        assertTrue(file(254, false).contribution(Integer.MIN_VALUE).faulting());
    }

    @Test
    void fileWithWeightZeroFaultsOnNonZeroOrOnZeroWhenReversed() {
        assertTrue(file(0, false).contribution(7).faulting());
        assertFalse(file(0, false).contribution(0).faulting());
        assertTrue(file(0, true).contribution(0).faulting());
        assertFalse(file(0, true).contribution(-1).faulting());
    }

    @Test
    void scriptWeightOverrideFromTrackScript() {
        Weight scriptDefault = new Weight(10, true);
        assertEquals(scriptDefault, TrackerSpec.Script.resolve(scriptDefault, null, null));
        assertEquals(new Weight(-5, true), TrackerSpec.Script.resolve(scriptDefault, -5, null));
        assertEquals(new Weight(-5, false), TrackerSpec.Script.resolve(scriptDefault, -5, false));
    }

    @Test
    void weightsOutsideKeepalivedsRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Weight.of(255));
        assertThrows(IllegalArgumentException.class, () -> Weight.of(-255));
        assertThrows(IllegalArgumentException.class, () -> new Contribution(5, java.util.Optional.of("x")));
    }
}
