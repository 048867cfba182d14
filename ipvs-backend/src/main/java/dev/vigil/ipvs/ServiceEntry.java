package dev.vigil.ipvs;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A service with its destinations and counters. Destinations are in the kernel's list
 * order: the most recently added first ({@code __ip_vs_update_dest} inserts at the head),
 * which is the order schedulers walk and {@code IPVS_CMD_GET_DEST} dumps.
 */
public record ServiceEntry(VirtualService service, Stats stats, List<DestinationEntry> destinations) {

    public ServiceEntry {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(stats, "stats");
        destinations = List.copyOf(destinations);
        long distinct = destinations.stream().map(DestinationEntry::key).distinct().count();
        if (distinct != destinations.size()) {
            throw new IllegalArgumentException("duplicate destination in service " + service.key());
        }
    }

    /** A service with the given destinations and zero counters (a desired-state entry). */
    public static ServiceEntry of(VirtualService service, List<Destination> destinations) {
        return new ServiceEntry(service, Stats.ZERO, destinations.stream().map(DestinationEntry::of).toList());
    }

    public ServiceKey key() {
        return service.key();
    }

    public Optional<DestinationEntry> destination(DestinationKey key) {
        return destinations.stream().filter(d -> d.key().equals(key)).findFirst();
    }
}
