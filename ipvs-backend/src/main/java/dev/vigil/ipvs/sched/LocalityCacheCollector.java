package dev.vigil.ipvs.sched;

import java.util.Iterator;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The periodic clean-up that lblc and lblcr share ({@code ip_vs_lblc_check_expire} and
 * {@code ip_vs_lblcr_check_expire} are the same algorithm): every
 * {@code fullSweepEvery}-th run drops every entry unused for {@code expiration}; in between,
 * only when the cache is over {@code maxEntries}, it drops up to
 * min(4/3 × the excess, maxEntries / 2) entries unused for {@code entryTimeout}.
 *
 * <p>Not thread-safe: the scheduler that owns the cache calls it.
 */
final class LocalityCacheCollector {

    private final LocalityCacheSettings settings;
    private int runs = 1;

    LocalityCacheCollector(LocalityCacheSettings settings) {
        this.settings = settings;
    }

    /** One collection run over {@code cache} at {@code now}. */
    <E> void collect(Map<?, E> cache, ToLongFunction<E> lastUse, long now) {
        if (runs % settings.fullSweepEvery() == 0) {
            cache.values().removeIf(e -> now - lastUse.applyAsLong(e) >= settings.expiration().toNanos());
            runs = 1;
            return;
        }
        if (cache.size() <= settings.maxEntries()) {
            runs++;
            return;
        }
        int goal = Math.min((cache.size() - settings.maxEntries()) * 4 / 3, settings.maxEntries() / 2);
        Iterator<E> it = cache.values().iterator();
        while (it.hasNext() && goal > 0) {
            if (now - lastUse.applyAsLong(it.next()) >= settings.entryTimeout().toNanos()) {
                it.remove();
                goal--;
            }
        }
    }
}
