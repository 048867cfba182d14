package dev.vigil.ipvs.sched;

import static dev.vigil.ipvs.sched.Dests.setActive;
import static dev.vigil.ipvs.sched.Dests.weights;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

/** lc, wlc, sed, nq, fo, ovf: load comparisons, tie-breaks in list order, weight 0. */
class LeastConnectionFamilyTest {

    private static final Flow ANY = Dests.flow("198.51.100.1", 1234);

    @Test
    void lcPicksSmallestOverheadFirstOnTiesAndSkipsWeightZero() {
        List<RealServer> list = weights(1, 1, 0, 1);
        setActive(list.get(0), 1, 0);   // 256
        setActive(list.get(1), 0, 200); // 200
        setActive(list.get(3), 0, 200); // 200, later: loses the tie
        // the weight-0 destination (index 2) is idle but quiesced, so it is skipped
        assertSame(list.get(1), new LeastConnection().schedule(list, ANY));
    }

    @Test
    void wlcComparesOverheadOverWeightByCrossMultiplication() {
        List<RealServer> list = weights(1, 3);
        setActive(list.get(0), 1, 0); // 256 / 1
        setActive(list.get(1), 2, 0); // 512 / 3 ≈ 170.7 → less loaded
        assertSame(list.get(1), WeightedLeastConnection.wlc().schedule(list, ANY));
        setActive(list.get(1), 1, 0); // 768 / 3 = 256: tie → the earlier (A) wins
        assertSame(list.get(0), WeightedLeastConnection.wlc().schedule(list, ANY));
    }

    @Test
    void wlcNeverPicksWeightZeroEvenWhenIdle() {
        List<RealServer> list = weights(0, 1);
        setActive(list.get(1), 50, 50);
        assertSame(list.get(1), WeightedLeastConnection.wlc().schedule(list, ANY));
        List<RealServer> trailing = weights(1, 0);
        setActive(trailing.get(0), 50, 0);
        assertSame(trailing.get(0), WeightedLeastConnection.wlc().schedule(trailing, ANY));
    }

    @Test
    void wlcOnEmptyIdleListPicksTheHead() {
        List<RealServer> list = weights(1, 1, 1);
        assertSame(list.get(0), WeightedLeastConnection.wlc().schedule(list, ANY));
        assertNull(WeightedLeastConnection.wlc().schedule(weights(0, 0), ANY));
    }

    @Test
    void sedIgnoresInactiveConnections() {
        List<RealServer> list = weights(1, 2);
        setActive(list.get(0), 0, 1000); // (0+1)/1 = 1
        setActive(list.get(1), 2, 0);    // (2+1)/2 = 1.5
        assertSame(list.get(0), WeightedLeastConnection.sed().schedule(list, ANY));
        assertSame(list.get(1), WeightedLeastConnection.wlc().schedule(list, ANY));
    }

    @Test
    void nqTakesTheFirstIdleServerElseSed() {
        List<RealServer> list = weights(10, 1, 1);
        setActive(list.get(0), 1, 0);
        assertSame(list.get(1), new NeverQueue().schedule(list, ANY));
        setActive(list.get(1), 1, 0);
        setActive(list.get(2), 1, 0);
        // all busy: sed rule, (1+1)/10 beats (1+1)/1
        assertSame(list.get(0), new NeverQueue().schedule(list, ANY));
    }

    @Test
    void foTakesHighestWeightFirstOnTies() {
        List<RealServer> list = weights(2, 5, 5, 0);
        assertSame(list.get(1), new WeightedFailover().schedule(list, ANY));
        list.get(1).update(list.get(1).settings().withThresholds(1, 0));
        list.get(1).bind(false, true);
        assertSame(list.get(2), new WeightedFailover().schedule(list, ANY));
        assertNull(new WeightedFailover().schedule(weights(0), ANY));
    }

    @Test
    void ovfFillsTheHeaviestUpToItsWeightThenOverflows() {
        List<RealServer> list = weights(1, 2);
        WeightedOverflow ovf = new WeightedOverflow();
        assertSame(list.get(1), ovf.schedule(list, ANY));
        setActive(list.get(1), 2, 0);
        assertSame(list.get(1), ovf.schedule(list, ANY), "active == weight still accepts");
        setActive(list.get(1), 1, 0);
        assertSame(list.get(0), ovf.schedule(list, ANY));
        setActive(list.get(0), 2, 0);
        assertNull(ovf.schedule(list, ANY));
    }

    @Test
    void twosKeepsTheLessLoadedOfTwoWeightedDraws() {
        List<RealServer> list = weights(2, 3, 4);
        setActive(list.get(0), 1, 0);
        long[] draws = {0, 5};
        java.util.random.RandomGenerator fixed = new java.util.random.RandomGenerator() {
            private int i;

            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }

            @Override
            public long nextLong(long bound) {
                org.junit.jupiter.api.Assertions.assertEquals(10L, bound, "draws from [0, total weight 9]");
                return draws[i++];
            }
        };
        // draw 0 lands on A (0 - 2 <= 0), draw 5 on B (5 - 2 - 3 <= 0); B is idle, so B
        assertSame(list.get(1), new TwoRandomChoices(fixed).schedule(list, ANY));
        assertNull(new TwoRandomChoices(fixed).schedule(weights(0), ANY));
    }
}
