package dev.vigil.ipvs.sched;

import java.util.List;

/**
 * ovf (ip_vs_ovf.c): the highest-weight destination (first on ties) among those that are
 * not overloaded, have weight ≠ 0 and at most {@code weight} active connections: fill the
 * heaviest node up to its weight, then overflow to the next.
 */
public final class WeightedOverflow implements IpvsScheduler {

    @Override
    public String name() {
        return "ovf";
    }

    @Override
    public DestinationView schedule(List<? extends DestinationView> destinations, Flow flow) {
        DestinationView best = null;
        for (int i = 0, n = destinations.size(); i < n; i++) {
            DestinationView d = destinations.get(i);
            int w = d.weight();
            if (d.overloaded() || d.activeConnections() > w || w == 0) {
                continue;
            }
            if (best == null || w > best.weight()) {
                best = d;
            }
        }
        return best;
    }
}
