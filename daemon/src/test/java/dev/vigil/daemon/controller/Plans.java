package dev.vigil.daemon.controller;

import dev.vigil.daemon.alert.Endpoint;
import dev.vigil.daemon.alert.ServiceProtocol;
import dev.vigil.daemon.alert.VirtualServerId;
import dev.vigil.healthcheck.CheckSpec;
import dev.vigil.healthcheck.CheckTiming;
import dev.vigil.healthcheck.ConnectOptions;
import dev.vigil.ipvs.Destination;
import dev.vigil.ipvs.ForwardMethod;
import dev.vigil.ipvs.ServiceKey;
import dev.vigil.ipvs.VirtualService;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Small builders of controller plans for the pure tests (no configuration file). */
final class Plans {

    static final String VIP = "10.0.0.1";

    private Plans() {
    }

    static VirtualServerId vsId() {
        return new VirtualServerId.Service(endpoint(VIP, 80));
    }

    static Endpoint endpoint(String address, int port) {
        return new Endpoint(InetAddress.ofLiteral(address), ServiceProtocol.TCP, port);
    }

    /** The name of the one checker of real server {@code address}. */
    static String checker(String address) {
        return "tcp " + address;
    }

    /** A real server on port 80 with one TCP checker. */
    static RealServerPlan rs(String address, int weight, boolean inhibit, boolean alpha, boolean smtp) {
        CheckTiming timing = new CheckTiming(Duration.ofSeconds(1), 0, Duration.ofSeconds(1), Duration.ZERO, alpha,
                false);
        CheckSpec spec = new CheckSpec.TcpCheck(ConnectOptions.to(new InetSocketAddress(address, 80)), timing);
        return new RealServerPlan("rs " + address, endpoint(address, 80),
                Destination.of(address, 80, ForwardMethod.DROUTE, weight), inhibit,
                Optional.of(ScriptCommand.of("/bin/up", address)), Optional.of(ScriptCommand.of("/bin/down", address)),
                smtp, List.of(new CheckerPlan(checker(address), spec, CheckerPlan.typeOf(spec))));
    }

    static RealServerPlan rs(String address, int weight) {
        return rs(address, weight, false, false, false);
    }

    static VirtualServerPlan vs(long quorum, long hysteresis, Optional<SorryServerPlan> sorry, boolean omega,
                                RealServerPlan... realServers) {
        return new VirtualServerPlan(vsId(), List.of(VirtualService.of(ServiceKey.tcp(VIP, 80), "wlc")), quorum,
                hysteresis, Optional.of(ScriptCommand.of("/bin/quorum-up")),
                Optional.of(ScriptCommand.of("/bin/quorum-down")), omega, true, sorry, List.of(realServers));
    }

    static Optional<SorryServerPlan> sorry(boolean inhibit) {
        return Optional.of(new SorryServerPlan(Destination.of("10.0.9.9", 80, ForwardMethod.DROUTE, 1), inhibit));
    }
}
