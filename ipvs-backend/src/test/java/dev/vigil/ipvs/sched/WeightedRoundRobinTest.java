package dev.vigil.ipvs.sched;

import static dev.vigil.ipvs.sched.Dests.sequence;
import static dev.vigil.ipvs.sched.Dests.weights;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class WeightedRoundRobinTest {

    private static String run(int count, int... w) {
        List<RealServer> list = weights(w);
        WeightedRoundRobin wrr = new WeightedRoundRobin();
        wrr.destinationsChanged(list, DestinationChange.INITIAL);
        return sequence(wrr, list, count);
    }

    @Test
    void referenceVectors() {
        assertEquals("AABABCABC" + "AABABCABC", run(18, 4, 3, 2));
        assertEquals("AAAAABC" + "AAAAABC", run(14, 5, 1, 1));
        assertEquals("ACACAC", run(6, 2, 0, 2));
    }

    @Test
    void gcdStepsTheCurrentWeight() {
        // di = 2, mw = 4 - (2 - 1) = 3: cw 3 → A; cw 1 → A, B; restart
        assertEquals("AABAAB", run(6, 4, 2));
    }

    @Test
    void allWeightsZeroGivesNone() {
        assertEquals("---", run(3, 0, 0));
    }

    @Test
    void allOverloadedGivesNoneAndRecoversWhenOneFrees() {
        List<RealServer> list = weights(2, 1);
        for (RealServer d : list) {
            d.update(d.settings().withThresholds(1, 0));
            d.bind(false, true);
        }
        WeightedRoundRobin wrr = new WeightedRoundRobin();
        wrr.destinationsChanged(list, DestinationChange.INITIAL);
        assertEquals("--", sequence(wrr, list, 2));
        list.get(1).unbind(false, true);
        assertEquals("BB", sequence(wrr, list, 2));
    }

    @Test
    void weightChangeRestartsAtTheHeadAndKeepsTheCurrentWeight() {
        List<RealServer> list = weights(4, 3, 2);
        WeightedRoundRobin wrr = new WeightedRoundRobin();
        wrr.destinationsChanged(list, DestinationChange.INITIAL);
        assertEquals("AAB", sequence(wrr, list, 3));
        list.get(2).update(list.get(2).settings().withWeight(3));
        wrr.destinationsChanged(list, new DestinationChange.Updated(list.get(2)));
        // cw stays 3, cursor back at head: A(4), B(3), C(3), then cw 2 ...
        assertEquals("ABCABC", sequence(wrr, list, 6));
    }
}
