package dev.vigil.ipvs.sched;

import java.util.List;

/**
 * wlc (ip_vs_wlc.c, the default scheduler) and sed (ip_vs_sed.c): the smallest
 * load / weight, compared by cross-multiplication in 64 bits. The first destination that
 * is not overloaded and has a positive weight starts as the least; a later one replaces it
 * only when strictly less loaded (so the earliest in list order wins ties, and weight 0 can
 * never win). wlc's load is the overhead (active × 256 + inactive); sed's is active + 1.
 */
public final class WeightedLeastConnection implements IpvsScheduler {

    private final boolean shortestExpectedDelay;

    private WeightedLeastConnection(boolean shortestExpectedDelay) {
        this.shortestExpectedDelay = shortestExpectedDelay;
    }

    /** The wlc scheduler. */
    public static WeightedLeastConnection wlc() {
        return new WeightedLeastConnection(false);
    }

    /** The sed scheduler (Shortest Expected Delay). */
    public static WeightedLeastConnection sed() {
        return new WeightedLeastConnection(true);
    }

    @Override
    public String name() {
        return shortestExpectedDelay ? "sed" : "wlc";
    }

    @Override
    public DestinationView schedule(List<? extends DestinationView> destinations, Flow flow) {
        int n = destinations.size();
        int first = 0;
        while (first < n && !(isUsable(destinations.get(first)))) {
            first++;
        }
        if (first == n) {
            return null;
        }
        DestinationView least = destinations.get(first);
        long leastLoad = load(least);
        for (int i = first + 1; i < n; i++) {
            DestinationView d = destinations.get(i);
            if (d.overloaded()) {
                continue;
            }
            long load = load(d);
            if (leastLoad * d.weight() > load * least.weight()) {
                least = d;
                leastLoad = load;
            }
        }
        return least;
    }

    private static boolean isUsable(DestinationView d) {
        return !d.overloaded() && d.weight() > 0;
    }

    private long load(DestinationView d) {
        return shortestExpectedDelay ? d.activeConnections() + 1 : d.overhead();
    }
}
