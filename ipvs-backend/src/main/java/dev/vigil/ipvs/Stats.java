package dev.vigil.ipvs;

/**
 * Traffic counters of a service or destination since the last zeroing
 * ({@code IPVS_STATS_ATTR_*}): totals plus the kernel estimator's rates.
 *
 * @param connections total scheduled connections (ipvsadm "Conns")
 * @param cps         connections per second (rate estimator)
 * @param inBps       inbound bytes per second
 */
public record Stats(long connections, long inPackets, long outPackets, long inBytes, long outBytes,
                    long cps, long inPps, long outPps, long inBps, long outBps) {

    public static final Stats ZERO = new Stats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** Totals only, rates zero. */
    public static Stats totals(long connections, long inPackets, long outPackets, long inBytes, long outBytes) {
        return new Stats(connections, inPackets, outPackets, inBytes, outBytes, 0, 0, 0, 0, 0);
    }

    public Stats withRates(long newCps, long newInPps, long newOutPps, long newInBps, long newOutBps) {
        return new Stats(connections, inPackets, outPackets, inBytes, outBytes,
                newCps, newInPps, newOutPps, newInBps, newOutBps);
    }
}
