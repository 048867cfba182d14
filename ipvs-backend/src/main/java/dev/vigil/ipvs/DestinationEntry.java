package dev.vigil.ipvs;

import java.util.Objects;

/**
 * A destination as a backend reports it: its settings, its connection counts
 * (IPVS_DEST_ATTR_ACTIVE_CONNS / INACT_CONNS / PERSIST_CONNS) and its counters.
 */
public record DestinationEntry(Destination destination, int activeConnections, int inactiveConnections,
                               int persistentConnections, Stats stats) {

    public DestinationEntry {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(stats, "stats");
    }

    /** A destination with no connections and zero counters (a desired-state entry). */
    public static DestinationEntry of(Destination destination) {
        return new DestinationEntry(destination, 0, 0, 0, Stats.ZERO);
    }

    public DestinationKey key() {
        return destination.key();
    }
}
