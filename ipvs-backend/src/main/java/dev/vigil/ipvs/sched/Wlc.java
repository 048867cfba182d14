package dev.vigil.ipvs.sched;

import java.util.List;

/** The weighted-least-connection pick lblc and lblcr share (their {@code __ip_vs_lblc*_schedule}). */
final class Wlc {

    private Wlc() {
    }

    /**
     * wlc over {@code destinations}: first not-overloaded destination with positive weight,
     * replaced by any later not-overloaded one with strictly smaller overhead/weight.
     */
    static DestinationView least(List<? extends DestinationView> destinations) {
        int n = destinations.size();
        int first = 0;
        while (first < n && (destinations.get(first).overloaded() || destinations.get(first).weight() <= 0)) {
            first++;
        }
        if (first == n) {
            return null;
        }
        DestinationView least = destinations.get(first);
        long leastLoad = least.overhead();
        for (int i = first + 1; i < n; i++) {
            DestinationView d = destinations.get(i);
            if (d.overloaded()) {
                continue;
            }
            long load = d.overhead();
            if (leastLoad * d.weight() > load * least.weight()) {
                least = d;
                leastLoad = load;
            }
        }
        return least;
    }

    /**
     * lblc/lblcr's own overload test: more active connections than weight while some
     * destination of the service runs below half its weight.
     */
    static boolean busierThanOthers(DestinationView d, List<? extends DestinationView> destinations) {
        if (d.activeConnections() <= d.weight()) {
            return false;
        }
        for (DestinationView other : destinations) {
            if (other.activeConnections() * 2 < other.weight()) {
                return true;
            }
        }
        return false;
    }
}
