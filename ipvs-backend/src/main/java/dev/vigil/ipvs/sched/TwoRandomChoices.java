package dev.vigil.ipvs.sched;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * twos (ip_vs_twos.c, "weighted random twos choice"): draw two destinations at random in
 * proportion to weight among those not overloaded with positive weight, and keep the one
 * with the smaller overhead / weight (the first draw on ties).
 */
public final class TwoRandomChoices implements IpvsScheduler {

    private final RandomGenerator random;

    public TwoRandomChoices(RandomGenerator random) {
        this.random = random;
    }

    @Override
    public String name() {
        return "twos";
    }

    @Override
    public DestinationView schedule(List<? extends DestinationView> destinations, Flow flow) {
        long total = 0;
        for (DestinationView d : destinations) {
            if (!d.overloaded() && d.weight() > 0) {
                total += d.weight();
            }
        }
        if (total == 0) {
            return null;
        }
        // the kernel draws from [0, total] (total + 1 values) with get_random_u32() % (total + 1)
        long r1 = random.nextLong(total + 1);
        long r2 = random.nextLong(total + 1);
        DestinationView first = null;
        DestinationView second = null;
        for (DestinationView d : destinations) {
            if (d.overloaded() || d.weight() <= 0) {
                continue;
            }
            r1 -= d.weight();
            r2 -= d.weight();
            if (r1 <= 0 && first == null) {
                first = d;
            }
            if (r2 <= 0 && second == null) {
                second = d;
            }
            if (first != null && second != null) {
                break;
            }
        }
        if (first == null) {
            return second;
        }
        if (second != null && (long) second.weight() * first.overhead() > (long) first.weight() * second.overhead()) {
            return second;
        }
        return first;
    }
}
