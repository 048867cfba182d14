package dev.vigil.ipvs.sched;

import java.util.List;

/**
 * wrr (ip_vs_wrr.c): a cursor plus a current weight {@code cw} that steps down by the gcd
 * of all positive weights ({@code di}) each time the scan passes the end of the list,
 * restarting at {@code mw = max weight − (di − 1)}. A destination is picked when it is not
 * overloaded and its weight is at least {@code cw}. Weights 4,3,2 give A A B A B C A B C.
 *
 * <p>Any list change puts the cursor back at the head and recomputes {@code di}/{@code mw};
 * {@code cw} is kept when still valid, else reset to {@code mw}, or rounded to a step of the
 * new {@code di} ({@code ip_vs_wrr_dest_changed}).
 */
public final class WeightedRoundRobin implements IpvsScheduler {

    private int cursorIndex = -1;
    private int currentWeight;
    private int maxWeight;
    private int step = 1;

    @Override
    public String name() {
        return "wrr";
    }

    @Override
    public void destinationsChanged(List<? extends DestinationView> destinations, DestinationChange change) {
        if (change instanceof DestinationChange.Initial) {
            currentWeight = 0;
        }
        cursorIndex = -1;
        int gcd = 0;
        int max = 0;
        for (DestinationView d : destinations) {
            int w = d.weight();
            if (w > 0) {
                gcd = gcd > 0 ? Lists.gcd(w, gcd) : w;
            }
            max = Math.max(max, w);
        }
        step = gcd > 0 ? gcd : 1;
        maxWeight = max - (step - 1);
        if (currentWeight > maxWeight || currentWeight == 0) {
            currentWeight = maxWeight;
        } else if (step > 1) {
            currentWeight = (currentWeight / step) * step + 1;
        }
    }

    @Override
    public DestinationView schedule(List<? extends DestinationView> destinations, Flow flow) {
        if (maxWeight == 0) {
            return null;
        }
        int n = destinations.size();
        int last = cursorIndex;
        int from = cursorIndex;
        int stop = Integer.MIN_VALUE;
        boolean lastPass = false;
        boolean restarted = false;
        while (true) {
            for (int i = from + 1; i < n; i++) {
                DestinationView d = destinations.get(i);
                if (!d.overloaded() && d.weight() >= currentWeight) {
                    cursorIndex = i;
                    return d;
                }
                if (i == stop) {
                    cursorIndex = i;
                    return null;
                }
            }
            from = -1;
            currentWeight -= step;
            if (currentWeight <= 0) {
                currentWeight = maxWeight;
                if (lastPass || last < 0) {
                    cursorIndex = -1;
                    return null;
                }
                restarted = true;
            }
            lastPass = currentWeight <= step;
            if (lastPass && restarted && last >= 0) {
                stop = last;
            }
        }
    }
}
