package dev.vigil.ipvs.sched;

import static dev.vigil.ipvs.sched.Dests.sequence;
import static dev.vigil.ipvs.sched.Dests.weights;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoundRobinTest {

    @Test
    void cyclesThroughTheListSkippingWeightZero() {
        List<RealServer> list = weights(1, 0, 5, 1);
        RoundRobin rr = new RoundRobin();
        rr.destinationsChanged(list, DestinationChange.INITIAL);
        assertEquals("ACDACDA", sequence(rr, list, 7));
    }

    @Test
    void skipsOverloadedDestinations() {
        List<RealServer> list = weights(1, 1, 1);
        list.get(1).update(list.get(1).settings().withThresholds(1, 0));
        list.get(1).bind(false, true);
        RoundRobin rr = new RoundRobin();
        rr.destinationsChanged(list, DestinationChange.INITIAL);
        assertEquals("ACAC", sequence(rr, list, 4));
    }

    @Test
    void noEligibleDestinationGivesNone() {
        List<RealServer> list = weights(0, 0);
        RoundRobin rr = new RoundRobin();
        rr.destinationsChanged(list, DestinationChange.INITIAL);
        assertNull(rr.schedule(list, Dests.flow("1.2.3.4", 1)));
        assertNull(rr.schedule(List.of(), Dests.flow("1.2.3.4", 1)));
    }

    @Test
    void removingTheCursorStepsBackToItsPredecessor() {
        List<RealServer> list = new ArrayList<>(weights(1, 1, 1, 1));
        RoundRobin rr = new RoundRobin();
        rr.destinationsChanged(list, DestinationChange.INITIAL);
        assertEquals("AB", sequence(rr, list, 2));
        RealServer b = list.remove(1);
        rr.destinationsChanged(list, new DestinationChange.Removed(b, 1));
        // cursor was B; it moves back to A, so the next pick is the old C
        assertEquals("BCA", sequence(rr, list, 3));
    }

    @Test
    void headInsertionDoesNotMoveTheCursor() {
        List<RealServer> list = new ArrayList<>(weights(1, 1, 1));
        RoundRobin rr = new RoundRobin();
        rr.destinationsChanged(list, DestinationChange.INITIAL);
        assertEquals("AB", sequence(rr, list, 2));
        RealServer fresh = Dests.server("10.0.9.9", 1);
        list.addFirst(fresh);
        rr.destinationsChanged(list, new DestinationChange.Added(fresh));
        // old B is now at index 2; the next picks are old C, then the new head
        assertEquals("DAB", sequence(rr, list, 3));
    }
}
