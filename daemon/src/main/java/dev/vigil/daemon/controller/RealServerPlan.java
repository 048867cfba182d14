package dev.vigil.daemon.controller;

import dev.vigil.daemon.alert.Endpoint;
import dev.vigil.ipvs.Destination;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A real server of a virtual server as the controller sees it.
 *
 * @param name             unique within its virtual server; names the server in events
 * @param endpoint         how alerts print it ({@code [ip]:proto:port}, with the service's protocol)
 * @param destination      its IPVS settings at the configured weight
 * @param inhibitOnFailure keep it at weight 0 instead of removing it while it is down
 * @param smtpAlert        checkers mail about it
 * @param checkers         empty means always alive (keepalived adds a real server without checkers)
 */
public record RealServerPlan(String name, Endpoint endpoint, Destination destination, boolean inhibitOnFailure,
                             Optional<ScriptCommand> notifyUp, Optional<ScriptCommand> notifyDown,
                             boolean smtpAlert, List<CheckerPlan> checkers) {
    public RealServerPlan {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(notifyUp, "notifyUp");
        Objects.requireNonNull(notifyDown, "notifyDown");
        checkers = List.copyOf(checkers);
    }
}
