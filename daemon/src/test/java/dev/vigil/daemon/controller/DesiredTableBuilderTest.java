package dev.vigil.daemon.controller;

import static dev.vigil.daemon.controller.Plans.checker;
import static dev.vigil.daemon.controller.Plans.rs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.daemon.alert.VirtualServerId;
import dev.vigil.healthcheck.CheckEvent;
import dev.vigil.healthcheck.CheckResult;
import dev.vigil.ipvs.Destination;
import dev.vigil.ipvs.ForwardMethod;
import dev.vigil.ipvs.Reconciler;
import dev.vigil.ipvs.ServiceEntry;
import dev.vigil.ipvs.ServiceKey;
import dev.vigil.ipvs.VirtualService;
import dev.vigil.ipvs.VirtualTable;
import dev.vigil.ipvs.fake.FakeIpvsBackend;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The desired table across virtual servers, reconciled into the fake kernel table. */
class DesiredTableBuilderTest {

    static VirtualServerPlan group(RealServerPlan... servers) {
        List<VirtualService> services = List.of(VirtualService.of(ServiceKey.tcp("10.0.0.5", 80), "rr"),
                VirtualService.of(ServiceKey.tcp("10.0.0.6", 80), "rr"));
        return new VirtualServerPlan(new VirtualServerId.Group("G", 0), services, 1, 0, Optional.empty(),
                Optional.empty(), false, false, Optional.empty(), List.of(servers));
    }

    @Test
    void everyServiceOfAGroupGetsTheSameDestinations() {
        VirtualServerState state = new VirtualServerState(group(rs("10.0.1.1", 2)));
        VirtualTable table = DesiredTableBuilder.build(List.of(state));
        assertEquals(2, table.services().size());
        for (ServiceEntry entry : table.services()) {
            assertEquals(List.of(Destination.of("10.0.1.1", 80, ForwardMethod.DROUTE, 2)),
                    entry.destinations().stream().map(d -> d.destination()).toList());
        }
    }

    @Test
    void reconcilingChangesOnlyWhatHealthChangedAndLeavesForeignServices() {
        FakeIpvsBackend kernel = new FakeIpvsBackend();
        VirtualService foreign = VirtualService.of(ServiceKey.tcp("192.0.2.1", 22), "rr");
        assertTrue(kernel.addService(foreign).isOk());
        VirtualServerState web = new VirtualServerState(Plans.vs(1, 0, Optional.empty(), false,
                rs("10.0.1.1", 1, true, false, false), rs("10.0.1.2", 1)));
        VirtualServerState other = new VirtualServerState(group(rs("10.0.2.1", 1)));
        List<VirtualServerState> states = List.of(web, other);
        Set<ServiceKey> owned = DesiredTableBuilder.ownedKeys(states);

        VirtualTable desired = DesiredTableBuilder.build(states);
        Reconciler.ApplyReport first = Reconciler.apply(kernel,
                Reconciler.plan(DesiredTableBuilder.owned(kernel.snapshot(), owned), desired));
        assertTrue(first.isComplete());
        assertEquals(desired, DesiredTableBuilder.owned(kernel.snapshot(), owned));
        int before = kernel.commands().size();

        web.onCheckEvent(new CheckEvent.Down(checker("10.0.1.1"), CheckResult.failure("refused"), 1, false));
        web.onCheckEvent(new CheckEvent.Down(checker("10.0.1.2"), CheckResult.failure("refused"), 1, false));
        Reconciler.apply(kernel, Reconciler.plan(DesiredTableBuilder.owned(kernel.snapshot(), owned),
                DesiredTableBuilder.build(states)));
        List<String> commands = kernel.commands().subList(before, kernel.commands().size());
        assertEquals(2, commands.size(), commands::toString);
        assertTrue(commands.stream().anyMatch(c -> c.startsWith("DEL_DEST")), commands::toString);
        assertTrue(commands.stream().anyMatch(c -> c.startsWith("SET_DEST")), commands::toString);
        assertTrue(kernel.snapshot().service(foreign.key()).isPresent(), "a foreign service stays");
        assertEquals(List.of(Destination.of("10.0.1.1", 80, ForwardMethod.DROUTE, 0)),
                kernel.snapshot().service(ServiceKey.tcp(Plans.VIP, 80)).orElseThrow().destinations().stream()
                        .map(d -> d.destination()).toList());
    }
}
