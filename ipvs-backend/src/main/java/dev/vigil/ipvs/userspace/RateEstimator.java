package dev.vigil.ipvs.userspace;

import dev.vigil.ipvs.Stats;

/**
 * The kernel's rate estimator for one set of counters (net/netfilter/ipvs/ip_vs_est.c):
 * every 2 s the increase of each counter since the previous tick becomes a sample, and
 * the average moves a quarter of the way towards it ({@code avg += (sample - avg) >> 2},
 * weight W = 2^-2). Connection and packet rates are kept scaled by 2^10 and byte rates by
 * 2^5, which is why a 2 s difference is shifted left by 9 and 4; reading rounds to the
 * nearest unit ({@code (avg + 0x1FF) >> 10}, {@code (avg + 0xF) >> 5}).
 *
 * <p>Pure: the owner calls {@link #tick(Stats)} every {@link #INTERVAL_NANOS}; not
 * thread-safe.
 */
final class RateEstimator {

    /** ip_vs_est.c samples every 2 seconds. */
    static final long INTERVAL_NANOS = 2_000_000_000L;

    private long lastConns;
    private long lastInPkts;
    private long lastOutPkts;
    private long lastInBytes;
    private long lastOutBytes;
    private long cps;
    private long inPps;
    private long outPps;
    private long inBps;
    private long outBps;

    /** Starts from the current totals so that counters existing before do not count as a burst. */
    RateEstimator(Stats totals) {
        lastConns = totals.connections();
        lastInPkts = totals.inPackets();
        lastOutPkts = totals.outPackets();
        lastInBytes = totals.inBytes();
        lastOutBytes = totals.outBytes();
    }

    /** One 2 s sample of the totals. */
    void tick(Stats totals) {
        cps += (((totals.connections() - lastConns) << 9) - cps) >> 2;
        inPps += (((totals.inPackets() - lastInPkts) << 9) - inPps) >> 2;
        outPps += (((totals.outPackets() - lastOutPkts) << 9) - outPps) >> 2;
        inBps += (((totals.inBytes() - lastInBytes) << 4) - inBps) >> 2;
        outBps += (((totals.outBytes() - lastOutBytes) << 4) - outBps) >> 2;
        lastConns = totals.connections();
        lastInPkts = totals.inPackets();
        lastOutPkts = totals.outPackets();
        lastInBytes = totals.inBytes();
        lastOutBytes = totals.outBytes();
    }

    /** The totals with the current rates, rounded as {@code ip_vs_read_estimator} does. */
    Stats read(Stats totals) {
        return totals.withRates((cps + 0x1FF) >> 10, (inPps + 0x1FF) >> 10, (outPps + 0x1FF) >> 10,
                (inBps + 0xF) >> 5, (outBps + 0xF) >> 5);
    }
}
