package dev.vigil.ipvs.sched;

import java.util.List;

/**
 * rr (ip_vs_rr.c): a cursor on the list; each connection goes to the next destination after
 * the cursor, wrapping once, that is neither overloaded nor weight 0. When the destination
 * under the cursor is removed, the cursor steps back to its predecessor (or the list head).
 */
public final class RoundRobin implements IpvsScheduler {

    private DestinationView cursor;
    private int cursorIndex = -1;

    @Override
    public String name() {
        return "rr";
    }

    @Override
    public void destinationsChanged(List<? extends DestinationView> destinations, DestinationChange change) {
        if (change instanceof DestinationChange.Initial) {
            cursor = null;
        } else if (change instanceof DestinationChange.Removed r && r.destination() == cursor) {
            cursor = r.formerIndex() == 0 ? null : destinations.get(r.formerIndex() - 1);
        }
        cursorIndex = Lists.indexOfIdentity(destinations, cursor);
    }

    @Override
    public DestinationView schedule(List<? extends DestinationView> destinations, Flow flow) {
        int n = destinations.size();
        int start = cursorIndex;
        for (int i = start + 1; i < n; i++) {
            if (eligible(destinations.get(i))) {
                return moveTo(destinations.get(i), i);
            }
        }
        if (start < 0) {
            return null;
        }
        for (int i = 0; i <= start; i++) {
            if (eligible(destinations.get(i))) {
                return moveTo(destinations.get(i), i);
            }
        }
        return null;
    }

    private DestinationView moveTo(DestinationView d, int index) {
        cursor = d;
        cursorIndex = index;
        return d;
    }

    private static boolean eligible(DestinationView d) {
        return !d.overloaded() && d.weight() > 0;
    }
}
