package dev.vigil.ipvs.sched;

import dev.vigil.common.time.Ticker;
import dev.vigil.ipvs.IpAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * lblc (ip_vs_lblc.c): remembers which destination served each packet destination address
 * (cache proxies). A remembered destination is reused while it is available, has positive
 * weight and is not {@linkplain Wlc#busierThanOthers busier than others}; otherwise a wlc
 * pick over the whole service replaces it. Entries idle longer than
 * {@link LocalityCacheSettings#expiration()} go in the periodic full sweep.
 *
 * <p>Deviation: the kernel sweeps its 1024 hash buckets from a rover; this cache is one
 * insertion-ordered map, so when the size-triggered collection stops early at its goal it
 * may drop different stale entries than the kernel would. Live (fresh) entries behave the same.
 */
public final class LocalityBasedLeastConnection implements IpvsScheduler {

    private final Ticker ticker;
    private final LocalityCacheSettings settings;
    private final LocalityCacheCollector collector;
    private final Map<IpAddress, Entry> cache = new LinkedHashMap<>();

    private static final class Entry {
        final DestinationView destination;
        long lastUse;

        Entry(DestinationView destination, long lastUse) {
            this.destination = destination;
            this.lastUse = lastUse;
        }
    }

    public LocalityBasedLeastConnection(Ticker ticker, LocalityCacheSettings settings) {
        this.ticker = ticker;
        this.settings = settings;
        this.collector = new LocalityCacheCollector(settings);
    }

    @Override
    public String name() {
        return "lblc";
    }

    @Override
    public DestinationView schedule(List<? extends DestinationView> destinations, Flow flow) {
        long now = ticker.nanoTime();
        Entry entry = cache.get(flow.destination());
        if (entry != null) {
            entry.lastUse = now;
            DestinationView d = entry.destination;
            if (d.available() && d.weight() > 0 && !Wlc.busierThanOthers(d, destinations)) {
                return d;
            }
        }
        DestinationView chosen = Wlc.least(destinations);
        if (chosen == null) {
            return null;
        }
        if (entry == null || entry.destination != chosen) {
            cache.remove(flow.destination());
            cache.put(flow.destination(), new Entry(chosen, now));
        }
        return chosen;
    }

    /** Cached entries (for tests and diagnostics). */
    public int cacheSize() {
        return cache.size();
    }

    /**
     * The periodic collection ({@code ip_vs_lblc_check_expire}); call every
     * {@link LocalityCacheSettings#checkInterval()}.
     */
    public void collectGarbage() {
        collector.collect(cache, e -> e.lastUse, ticker.nanoTime());
    }
}
