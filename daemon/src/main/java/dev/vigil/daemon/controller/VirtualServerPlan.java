package dev.vigil.daemon.controller;

import dev.vigil.daemon.alert.VirtualServerId;
import dev.vigil.ipvs.VirtualService;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code virtual_server} block as the controller runs it: the IPVS services it stands for
 * (several for a {@code virtual_server_group}), its real servers and its quorum rules.
 *
 * @param id         how alerts name it
 * @param services   one or more services; all get the same destinations
 * @param quorum     minimum alive weight (keepalived default 1)
 * @param hysteresis quorum is lost below {@code quorum - hysteresis}, regained at {@code quorum + hysteresis}
 * @param omega      run the down notifiers when the daemon stops
 * @param smtpAlert  quorum changes are mailed
 */
public record VirtualServerPlan(VirtualServerId id, List<VirtualService> services, long quorum, long hysteresis,
                                Optional<ScriptCommand> quorumUp, Optional<ScriptCommand> quorumDown,
                                boolean omega, boolean smtpAlert, Optional<SorryServerPlan> sorryServer,
                                List<RealServerPlan> realServers) {
    public VirtualServerPlan {
        Objects.requireNonNull(id, "id");
        services = List.copyOf(services);
        Objects.requireNonNull(quorumUp, "quorumUp");
        Objects.requireNonNull(quorumDown, "quorumDown");
        Objects.requireNonNull(sorryServer, "sorryServer");
        realServers = List.copyOf(realServers);
        if (services.isEmpty()) {
            throw new IllegalArgumentException("a virtual server needs at least one service");
        }
    }
}
