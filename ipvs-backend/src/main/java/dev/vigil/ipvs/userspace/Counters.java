package dev.vigil.ipvs.userspace;

import dev.vigil.ipvs.Stats;

/**
 * Traffic totals of one service or destination plus its {@link RateEstimator}. Guarded by
 * the {@link ForwarderState} monitor; sessions hand over their increments through
 * {@link ForwarderState}, never directly.
 */
final class Counters {

    private long connections;
    private long inPackets;
    private long outPackets;
    private long inBytes;
    private long outBytes;
    private final RateEstimator estimator = new RateEstimator(Stats.ZERO);

    void connection() {
        connections++;
    }

    void add(long newInPackets, long newOutPackets, long newInBytes, long newOutBytes) {
        inPackets += newInPackets;
        outPackets += newOutPackets;
        inBytes += newInBytes;
        outBytes += newOutBytes;
    }

    Stats totals() {
        return Stats.totals(connections, inPackets, outPackets, inBytes, outBytes);
    }

    void estimate() {
        estimator.tick(totals());
    }

    /** Totals with the estimator's rates, as a snapshot reports them. */
    Stats stats() {
        return estimator.read(totals());
    }
}
