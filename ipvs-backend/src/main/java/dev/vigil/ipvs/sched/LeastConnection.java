package dev.vigil.ipvs.sched;

import java.util.List;

/**
 * lc (ip_vs_lc.c): the smallest {@link DestinationView#overhead() overhead} among
 * destinations that are neither overloaded nor weight 0; the first one wins ties.
 */
public final class LeastConnection implements IpvsScheduler {

    @Override
    public String name() {
        return "lc";
    }

    @Override
    public DestinationView schedule(List<? extends DestinationView> destinations, Flow flow) {
        DestinationView least = null;
        int leastOverhead = 0;
        for (int i = 0, n = destinations.size(); i < n; i++) {
            DestinationView d = destinations.get(i);
            if (d.overloaded() || d.weight() == 0) {
                continue;
            }
            int overhead = d.overhead();
            if (least == null || overhead < leastOverhead) {
                least = d;
                leastOverhead = overhead;
            }
        }
        return least;
    }
}
