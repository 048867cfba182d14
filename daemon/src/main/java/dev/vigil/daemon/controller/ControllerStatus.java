package dev.vigil.daemon.controller;

import dev.vigil.daemon.alert.CheckerType;
import dev.vigil.healthcheck.CheckResult;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable picture of every virtual server's health, for the control socket and metrics.
 * Taken on the controller thread after each change; reading it never blocks.
 */
public record ControllerStatus(List<VirtualServer> virtualServers) {

    public static final ControllerStatus EMPTY = new ControllerStatus(List.of());

    public ControllerStatus {
        virtualServers = List.copyOf(virtualServers);
    }

    /**
     * One virtual server.
     *
     * @param id               keepalived's text for it ({@code [10.0.0.1]:tcp:80}, {@code FWM 5}, ...)
     * @param services         how many IPVS services it stands for
     * @param aliveWeight      sum of the alive real servers' weights (what the quorum is compared with)
     * @param sorryServerActive the sorry server is in service
     */
    public record VirtualServer(String id, int services, boolean quorumUp, long quorum, long hysteresis,
                                long aliveWeight, boolean sorryServerActive, List<RealServer> realServers) {
        public VirtualServer {
            Objects.requireNonNull(id, "id");
            realServers = List.copyOf(realServers);
        }
    }

    /**
     * One real server.
     *
     * @param endpoint         keepalived's text for it ({@code [10.0.0.2]:tcp:80})
     * @param weight           effective weight (configured, or set by misc_dynamic)
     * @param tableWeight      its weight in the desired IPVS table; empty when it is not there
     */
    public record RealServer(String endpoint, boolean alive, int configuredWeight, int weight,
                             Optional<Integer> tableWeight, boolean inhibitOnFailure, List<Checker> checkers) {
        public RealServer {
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(tableWeight, "tableWeight");
            checkers = List.copyOf(checkers);
        }
    }

    /**
     * One checker.
     *
     * @param up         its state (alpha checkers start down)
     * @param lastResult the result of its latest attempt; empty before the first one
     * @param attempts   attempts judged so far
     */
    public record Checker(String name, CheckerType type, boolean up, Optional<CheckResult> lastResult,
                          long attempts) {
        public Checker {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(lastResult, "lastResult");
        }
    }
}
