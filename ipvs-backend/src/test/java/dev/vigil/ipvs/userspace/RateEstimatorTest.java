package dev.vigil.ipvs.userspace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.ipvs.Stats;
import org.junit.jupiter.api.Test;

/** The kernel estimator's arithmetic (ip_vs_est.c), worked by hand. */
class RateEstimatorTest {

    @Test
    void firstTickMovesAQuarterOfTheWayAndRoundsLikeTheKernel() {
        RateEstimator e = new RateEstimator(Stats.ZERO);
        // 40 conns, 4000 packets and 1_000_000 bytes in one 2 s interval: 20 cps, 2000 pps,
        // 500_000 B/s; after one tick the averages hold a quarter of that.
        Stats totals = Stats.totals(40, 4000, 2000, 1_000_000, 10);
        e.tick(totals);
        Stats read = e.read(totals);
        assertEquals(5, read.cps());
        assertEquals(500, read.inPps());
        assertEquals(250, read.outPps());
        assertEquals(125_000, read.inBps());
        // 10 bytes: (10 << 4) >> 2 = 40 scaled by 2^5 → (40 + 15) >> 5 = 1 B/s.
        assertEquals(1, read.outBps());
    }

    @Test
    void steadyTrafficConvergesOnTheTrueRate() {
        RateEstimator e = new RateEstimator(Stats.ZERO);
        long conns = 0;
        for (int i = 0; i < 40; i++) {
            conns += 200; // 100 connections per second
            e.tick(Stats.totals(conns, 0, 0, 0, 0));
        }
        assertEquals(100, e.read(Stats.totals(conns, 0, 0, 0, 0)).cps());
    }

    @Test
    void ratesDecayByAQuarterPerIdleTick() {
        RateEstimator e = new RateEstimator(Stats.ZERO);
        Stats totals = Stats.totals(800, 0, 0, 0, 0); // 400 cps in the first interval
        e.tick(totals);
        assertEquals(100, e.read(totals).cps());
        e.tick(totals);
        assertEquals(75, e.read(totals).cps());
        e.tick(totals);
        // 102400 → 76800 → 57600 = 56.25 × 2^10, read as 56.
        assertEquals(56, e.read(totals).cps());
    }

    @Test
    void countersExistingBeforeTheEstimatorStartedAreNotABurst() {
        Stats before = Stats.totals(1_000_000, 1_000_000, 0, 0, 0);
        RateEstimator e = new RateEstimator(before);
        e.tick(before);
        assertEquals(0, e.read(before).cps());
        assertEquals(0, e.read(before).inPps());
    }
}
