package dev.vigil.ipvs.sched;

import dev.vigil.common.time.Ticker;
import dev.vigil.ipvs.IpAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * lblcr (ip_vs_lblcr.c): like lblc, but each packet destination address maps to a
 * <em>set</em> of destinations (newest first). A connection goes to the set's wlc minimum;
 * when that one is missing or busier than others, a wlc pick over the whole service joins
 * the set and takes the connection. A set with more than one member that stayed unchanged
 * for {@link LocalityCacheSettings#expiration()} loses its most loaded member.
 *
 * <p>Same garbage-collection deviation as {@link LocalityBasedLeastConnection}.
 */
public final class LocalityBasedLeastConnectionReplication implements IpvsScheduler {

    private final Ticker ticker;
    private final LocalityCacheSettings settings;
    private final LocalityCacheCollector collector;
    private final Map<IpAddress, DestinationSet> cache = new LinkedHashMap<>();

    private static final class DestinationSet {
        final List<DestinationView> members = new ArrayList<>();
        long lastModified;
        long lastUse;

        void insert(DestinationView d, long now) {
            for (DestinationView m : members) {
                if (m == d) {
                    return;
                }
            }
            members.addFirst(d);
            lastModified = now;
        }

        void erase(DestinationView d, long now) {
            for (int i = 0; i < members.size(); i++) {
                if (members.get(i) == d) {
                    members.remove(i);
                    lastModified = now;
                    return;
                }
            }
        }
    }

    public LocalityBasedLeastConnectionReplication(Ticker ticker, LocalityCacheSettings settings) {
        this.ticker = ticker;
        this.settings = settings;
        this.collector = new LocalityCacheCollector(settings);
    }

    @Override
    public String name() {
        return "lblcr";
    }

    @Override
    public DestinationView schedule(List<? extends DestinationView> destinations, Flow flow) {
        long now = ticker.nanoTime();
        DestinationSet set = cache.get(flow.destination());
        if (set != null) {
            set.lastUse = now;
            DestinationView d = setMinimum(set.members);
            if (set.members.size() > 1 && now - set.lastModified > settings.expiration().toNanos()) {
                DestinationView most = setMaximum(set.members);
                if (most != null) {
                    set.erase(most, now);
                }
            }
            if (d != null && !Wlc.busierThanOthers(d, destinations)) {
                return d;
            }
            DestinationView chosen = Wlc.least(destinations);
            if (chosen != null) {
                set.insert(chosen, now);
            }
            return chosen;
        }
        DestinationView chosen = Wlc.least(destinations);
        if (chosen == null) {
            return null;
        }
        DestinationSet fresh = new DestinationSet();
        fresh.lastUse = now;
        fresh.insert(chosen, now);
        cache.put(flow.destination(), fresh);
        return chosen;
    }

    /** {@code ip_vs_dest_set_min}: wlc among members that are available and not overloaded. */
    private static DestinationView setMinimum(List<DestinationView> members) {
        DestinationView least = null;
        long leastLoad = 0;
        for (DestinationView d : members) {
            if (d.overloaded()) {
                continue;
            }
            if (least == null) {
                if (d.weight() > 0 && d.available()) {
                    least = d;
                    leastLoad = d.overhead();
                }
                continue;
            }
            long load = d.overhead();
            if (leastLoad * d.weight() > load * least.weight() && d.available()) {
                least = d;
                leastLoad = load;
            }
        }
        return least;
    }

    /** {@code ip_vs_dest_set_max}: the most loaded member with positive weight. */
    private static DestinationView setMaximum(List<DestinationView> members) {
        DestinationView most = null;
        long mostLoad = 0;
        for (DestinationView d : members) {
            if (most == null) {
                if (d.weight() > 0) {
                    most = d;
                    mostLoad = d.overhead();
                }
                continue;
            }
            long load = d.overhead();
            if (mostLoad * d.weight() < load * most.weight() && d.weight() > 0) {
                most = d;
                mostLoad = load;
            }
        }
        return most;
    }

    /** Cached addresses (for tests and diagnostics). */
    public int cacheSize() {
        return cache.size();
    }

    /** Members cached for {@code address}, newest first (for tests and diagnostics). */
    public List<DestinationView> members(IpAddress address) {
        DestinationSet set = cache.get(address);
        return set == null ? List.of() : List.copyOf(set.members);
    }

    /** The periodic collection ({@code ip_vs_lblcr_check_expire}). */
    public void collectGarbage() {
        collector.collect(cache, s -> s.lastUse, ticker.nanoTime());
    }
}
