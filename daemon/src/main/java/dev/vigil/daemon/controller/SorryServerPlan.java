package dev.vigil.daemon.controller;

import dev.vigil.ipvs.Destination;
import java.util.Objects;

/**
 * {@code sorry_server}: the destination that serves while the virtual server has no quorum.
 *
 * @param destination its IPVS settings when in service (keepalived gives it weight 1)
 * @param inhibit     {@code sorry_server_inhibit}: kept in the table at weight 0 while not needed
 */
public record SorryServerPlan(Destination destination, boolean inhibit) {
    public SorryServerPlan {
        Objects.requireNonNull(destination, "destination");
    }
}
