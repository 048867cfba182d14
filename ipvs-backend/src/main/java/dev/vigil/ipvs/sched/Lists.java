package dev.vigil.ipvs.sched;

import java.util.List;

/** List helpers shared by the schedulers. */
final class Lists {

    private Lists() {
    }

    /** Position of {@code item} compared by identity, or -1 (also for {@code null}). */
    static int indexOfIdentity(List<? extends DestinationView> list, DestinationView item) {
        if (item == null) {
            return -1;
        }
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == item) {
                return i;
            }
        }
        return -1;
    }

    /** Euclid's algorithm, as lib/math/gcd.c computes it for positive values. */
    static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
