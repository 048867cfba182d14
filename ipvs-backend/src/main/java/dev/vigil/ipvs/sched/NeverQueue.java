package dev.vigil.ipvs.sched;

import java.util.List;

/**
 * nq (ip_vs_nq.c): the first usable destination with no active connection; otherwise the
 * sed rule (smallest (active + 1) / weight, earliest wins ties). Usable = not overloaded
 * and weight ≠ 0.
 */
public final class NeverQueue implements IpvsScheduler {

    @Override
    public String name() {
        return "nq";
    }

    @Override
    public DestinationView schedule(List<? extends DestinationView> destinations, Flow flow) {
        DestinationView least = null;
        long leastLoad = 0;
        for (int i = 0, n = destinations.size(); i < n; i++) {
            DestinationView d = destinations.get(i);
            if (d.overloaded() || d.weight() == 0) {
                continue;
            }
            long load = d.activeConnections() + 1L;
            if (d.activeConnections() == 0) {
                return d;
            }
            if (least == null || leastLoad * d.weight() > load * least.weight()) {
                least = d;
                leastLoad = load;
            }
        }
        return least;
    }
}
