package dev.vigil.ipvs.sched;

import java.util.List;

/**
 * fo (ip_vs_fo.c): the not-overloaded destination with the highest weight (first on ties);
 * weight 0 never wins because the running maximum starts at 0.
 */
public final class WeightedFailover implements IpvsScheduler {

    @Override
    public String name() {
        return "fo";
    }

    @Override
    public DestinationView schedule(List<? extends DestinationView> destinations, Flow flow) {
        DestinationView best = null;
        int bestWeight = 0;
        for (int i = 0, n = destinations.size(); i < n; i++) {
            DestinationView d = destinations.get(i);
            if (!d.overloaded() && d.weight() > bestWeight) {
                best = d;
                bestWeight = d.weight();
            }
        }
        return best;
    }
}
