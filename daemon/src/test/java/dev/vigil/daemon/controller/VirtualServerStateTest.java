package dev.vigil.daemon.controller;

import static dev.vigil.daemon.controller.Plans.checker;
import static dev.vigil.daemon.controller.Plans.rs;
import static dev.vigil.daemon.controller.Plans.sorry;
import static dev.vigil.daemon.controller.Plans.vs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.daemon.alert.AlertEvent;
import dev.vigil.daemon.alert.CheckStatus;
import dev.vigil.daemon.alert.QuorumTransition;
import dev.vigil.healthcheck.CheckEvent;
import dev.vigil.healthcheck.CheckResult;
import dev.vigil.ipvs.Destination;
import dev.vigil.ipvs.ForwardMethod;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** keepalived's alive / inhibit / sorry server / quorum / alpha / omega rules, without I/O. */
class VirtualServerStateTest {

    static CheckEvent down(String address) {
        return new CheckEvent.Down(checker(address), CheckResult.failure("refused"), 1, false);
    }

    static CheckEvent up(String address) {
        return new CheckEvent.Up(checker(address), CheckResult.success("connected"));
    }

    /** Destination address → weight. */
    static Map<String, Integer> weights(VirtualServerState state) {
        return state.destinations().stream()
                .collect(Collectors.toMap(d -> d.address().toString(), Destination::weight));
    }

    static List<String> scripts(List<ControllerEffect> effects) {
        return effects.stream().filter(ControllerEffect.RunScript.class::isInstance)
                .map(e -> ((ControllerEffect.RunScript) e).command().display()).toList();
    }

    static List<AlertEvent> alerts(List<ControllerEffect> effects) {
        return effects.stream().filter(ControllerEffect.Alert.class::isInstance)
                .map(e -> ((ControllerEffect.Alert) e).event()).toList();
    }

    static List<AlertEvent.QuorumChanged> quorumChanges(List<ControllerEffect> effects) {
        return alerts(effects).stream().filter(AlertEvent.QuorumChanged.class::isInstance)
                .map(AlertEvent.QuorumChanged.class::cast).toList();
    }

    @Test
    void healthyServersAreInAtTheirWeightAndFailedOnesLeave() {
        VirtualServerState state = new VirtualServerState(vs(1, 0, Optional.empty(), false,
                rs("10.0.1.1", 1), rs("10.0.1.2", 2)));
        assertEquals(List.of(), state.start());
        assertEquals(Map.of("10.0.1.1", 1, "10.0.1.2", 2), weights(state));

        List<ControllerEffect> effects = state.onCheckEvent(down("10.0.1.1"));
        assertEquals(Map.of("10.0.1.2", 2), weights(state));
        assertEquals(List.of("/bin/down 10.0.1.1"), scripts(effects));
        assertEquals(List.of(new AlertEvent.RealServerStateChanged(Plans.endpoint("10.0.1.1", 80), Plans.vsId(),
                false)), alerts(effects));

        effects = state.onCheckEvent(up("10.0.1.1"));
        assertEquals(Map.of("10.0.1.1", 1, "10.0.1.2", 2), weights(state));
        assertEquals(List.of("/bin/up 10.0.1.1"), scripts(effects));
    }

    @Test
    void destinationsAreListedNewestFirstLikeTheKernelAfterAddingInFileOrder() {
        VirtualServerState state = new VirtualServerState(vs(1, 0, Optional.empty(), false,
                rs("10.0.1.1", 1), rs("10.0.1.2", 1), rs("10.0.1.3", 1)));
        assertEquals(List.of("10.0.1.3", "10.0.1.2", "10.0.1.1"),
                state.destinations().stream().map(d -> d.address().toString()).toList());
    }

    @Test
    void inhibitOnFailureKeepsAFailedServerAtWeightZero() {
        VirtualServerState state = new VirtualServerState(vs(1, 0, Optional.empty(), false,
                rs("10.0.1.1", 5, true, false, false), rs("10.0.1.2", 1)));
        state.start();
        state.onCheckEvent(down("10.0.1.1"));
        assertEquals(Map.of("10.0.1.1", 0, "10.0.1.2", 1), weights(state));
        state.onCheckEvent(up("10.0.1.1"));
        assertEquals(Map.of("10.0.1.1", 5, "10.0.1.2", 1), weights(state));
    }

    @Test
    void sorryServerServesWhileNoRealServerIsAliveAndLeavesWhenOneReturns() {
        VirtualServerState state = new VirtualServerState(vs(1, 0, sorry(false), false,
                rs("10.0.1.1", 1), rs("10.0.1.2", 1)));
        assertEquals(List.of(), state.start());
        assertFalse(state.sorryServerActive());
        assertEquals(List.of(), quorumChanges(state.onCheckEvent(down("10.0.1.1"))));

        List<ControllerEffect> lost = state.onCheckEvent(down("10.0.1.2"));
        assertEquals(Map.of("10.0.9.9", 1), weights(state));
        assertTrue(state.sorryServerActive());
        assertEquals(List.of("/bin/down 10.0.1.2", "/bin/quorum-down"), scripts(lost));
        assertEquals(List.of(new AlertEvent.QuorumChanged(Plans.vsId(), QuorumTransition.LOST, 1, 0, 1, 0)),
                quorumChanges(lost));

        List<ControllerEffect> gained = state.onCheckEvent(up("10.0.1.2"));
        assertEquals(Map.of("10.0.1.2", 1), weights(state));
        assertEquals(List.of("/bin/up 10.0.1.2", "/bin/quorum-up"), scripts(gained));
        assertEquals(List.of(new AlertEvent.QuorumChanged(Plans.vsId(), QuorumTransition.GAINED, 1, 0, 1, 1)),
                quorumChanges(gained));
    }

    @Test
    void sorryServerInhibitStaysAtWeightZeroAndDisplacedInhibitServersToo() {
        VirtualServerState state = new VirtualServerState(vs(3, 0, sorry(true), false,
                rs("10.0.1.1", 2, true, false, false), rs("10.0.1.2", 1)));
        state.start();
        assertEquals(Map.of("10.0.1.1", 2, "10.0.1.2", 1, "10.0.9.9", 0), weights(state));
        state.onCheckEvent(down("10.0.1.2"));
        // Alive weight 2 < quorum 3: the sorry server takes over, the alive inhibit server drops to 0.
        assertEquals(Map.of("10.0.1.1", 0, "10.0.9.9", 1), weights(state));
        state.onCheckEvent(up("10.0.1.2"));
        assertEquals(Map.of("10.0.1.1", 2, "10.0.1.2", 1, "10.0.9.9", 0), weights(state));
    }

    @Test
    void quorumIsLostBelowQuorumMinusHysteresisAndRegainedAtQuorumPlusHysteresis() {
        VirtualServerState state = new VirtualServerState(vs(4, 1, Optional.empty(), false,
                rs("10.0.1.1", 1), rs("10.0.1.2", 2), rs("10.0.1.3", 3)));
        state.start();
        assertTrue(state.quorumUp());
        assertEquals(List.of(), quorumChanges(state.onCheckEvent(down("10.0.1.3"))));
        assertTrue(state.quorumUp(), "3 is not below 4 - 1");
        assertEquals(List.of(new AlertEvent.QuorumChanged(Plans.vsId(), QuorumTransition.LOST, 4, 1, 3, 2)),
                quorumChanges(state.onCheckEvent(down("10.0.1.1"))));
        assertEquals(List.of(), quorumChanges(state.onCheckEvent(up("10.0.1.1"))));
        assertFalse(state.quorumUp(), "3 is below 4 + 1");
        assertEquals(Map.of("10.0.1.1", 1, "10.0.1.2", 2), weights(state), "without a sorry server the table stays");
        assertEquals(List.of(new AlertEvent.QuorumChanged(Plans.vsId(), QuorumTransition.GAINED, 4, 1, 5, 6)),
                quorumChanges(state.onCheckEvent(up("10.0.1.3"))));
    }

    @Test
    void startingBelowQuorumPlusHysteresisIsReportedOnlyWithASorryServer() {
        VirtualServerState plain = new VirtualServerState(vs(2, 1, Optional.empty(), false,
                rs("10.0.1.1", 1), rs("10.0.1.2", 1)));
        assertEquals(List.of(), plain.start());
        assertFalse(plain.quorumUp());

        VirtualServerState withSorry = new VirtualServerState(vs(2, 1, sorry(false), false,
                rs("10.0.1.1", 1), rs("10.0.1.2", 1)));
        List<ControllerEffect> effects = withSorry.start();
        assertEquals(List.of(new AlertEvent.QuorumChanged(Plans.vsId(), QuorumTransition.STARTING_DOWN, 2, 1, 3, 2)),
                quorumChanges(effects));
        assertEquals(List.of("/bin/quorum-down"), scripts(effects));
        assertEquals(Map.of("10.0.9.9", 1), weights(withSorry));
    }

    @Test
    void alphaServersStartDownAndAFirstFailureStillRunsTheDownNotifiers() {
        VirtualServerState state = new VirtualServerState(vs(1, 0, Optional.empty(), false,
                rs("10.0.1.1", 1, false, true, false), rs("10.0.1.2", 1, true, true, false)));
        state.start();
        assertEquals(Map.of("10.0.1.2", 0), weights(state));
        assertFalse(state.quorumUp());

        List<ControllerEffect> first = state.onCheckEvent(
                new CheckEvent.Down(checker("10.0.1.1"), CheckResult.failure("refused"), 1, true));
        assertEquals(List.of("/bin/down 10.0.1.1"), scripts(first));
        assertEquals(Map.of("10.0.1.2", 0), weights(state));

        List<ControllerEffect> recovered = state.onCheckEvent(up("10.0.1.1"));
        assertEquals(List.of("/bin/up 10.0.1.1", "/bin/quorum-up"), scripts(recovered));
        assertEquals(Map.of("10.0.1.1", 1, "10.0.1.2", 0), weights(state));
    }

    @Test
    void miscDynamicWeightChangesTheTableAndTheQuorum() {
        VirtualServerState state = new VirtualServerState(vs(3, 0, Optional.empty(), false, rs("10.0.1.1", 3)));
        state.start();
        state.onCheckEvent(new CheckEvent.WeightChanged(checker("10.0.1.1"), new CheckResult.WeightedSuccess(7),
                OptionalInt.empty(), OptionalInt.of(7)));
        assertEquals(Map.of("10.0.1.1", 7), weights(state));
        List<ControllerEffect> effects = state.onCheckEvent(new CheckEvent.WeightChanged(checker("10.0.1.1"),
                new CheckResult.WeightedSuccess(0), OptionalInt.of(7), OptionalInt.of(0)));
        assertEquals(Map.of("10.0.1.1", 0), weights(state));
        assertEquals(List.of(new AlertEvent.QuorumChanged(Plans.vsId(), QuorumTransition.LOST, 3, 0, 3, 0)),
                quorumChanges(effects));
        state.onCheckEvent(new CheckEvent.WeightChanged(checker("10.0.1.1"), CheckResult.success("0"),
                OptionalInt.of(0), OptionalInt.empty()));
        assertEquals(Map.of("10.0.1.1", 3), weights(state));
        assertTrue(state.quorumUp());
    }

    @Test
    void omegaReportsAliveServersDownAndTheQuorumShuttingDown() {
        VirtualServerState state = new VirtualServerState(vs(1, 0, Optional.empty(), true,
                rs("10.0.1.1", 1, false, false, true), rs("10.0.1.2", 1)));
        state.start();
        state.onCheckEvent(down("10.0.1.2"));
        List<ControllerEffect> effects = state.stop(true);
        assertEquals(List.of("/bin/down 10.0.1.1", "/bin/quorum-down"), scripts(effects));
        assertTrue(effects.stream().allMatch(e -> !(e instanceof ControllerEffect.RunScript r) || r.shuttingDown()));
        assertEquals(List.of(
                new AlertEvent.RealServerStateChanged(Plans.endpoint("10.0.1.1", 80), Plans.vsId(), false),
                new AlertEvent.RealServerRemoved(Plans.endpoint("10.0.1.1", 80), Plans.vsId(), true),
                new AlertEvent.QuorumChanged(Plans.vsId(), QuorumTransition.SHUTTING_DOWN, 1, 0, 1, 0)),
                alerts(effects));
    }

    @Test
    void withoutOmegaStoppingIsSilentAndAFullFlushReportsOnlyTheQuorum() {
        VirtualServerState quiet = new VirtualServerState(vs(1, 0, Optional.empty(), false, rs("10.0.1.1", 1)));
        quiet.start();
        assertEquals(List.of(), quiet.stop(true));

        VirtualServerState flushed = new VirtualServerState(vs(1, 0, Optional.empty(), true, rs("10.0.1.1", 1)));
        flushed.start();
        assertEquals(List.of("/bin/quorum-down"), scripts(flushed.stop(false)));
    }

    @Test
    void checkerMailCarriesTheAliveStateBeforeTheChange() {
        VirtualServerState state = new VirtualServerState(vs(1, 0, Optional.empty(), false,
                rs("10.0.1.1", 1, false, false, true)));
        state.start();
        List<ControllerEffect> effects = state.onCheckEvent(down("10.0.1.1"));
        AlertEvent.RealServerChecked mail = effects.stream()
                .filter(e -> e instanceof ControllerEffect.Alert a && a.mail())
                .map(e -> (AlertEvent.RealServerChecked) ((ControllerEffect.Alert) e).event())
                .findFirst().orElseThrow();
        assertTrue(mail.realServerAlive());
        assertEquals(CheckStatus.FAILED, mail.verdict().status());
        assertFalse(state.status().realServers().getFirst().alive());
    }

    @Test
    void statusShowsCheckersResultsAndTableWeights() {
        VirtualServerState state = new VirtualServerState(vs(1, 0, Optional.empty(), false,
                rs("10.0.1.1", 4, true, false, false)));
        state.start();
        state.onCheckResult(checker("10.0.1.1"), CheckResult.failure("refused"));
        state.onCheckEvent(down("10.0.1.1"));
        var rs = state.status().realServers().getFirst();
        assertEquals(Optional.of(0), rs.tableWeight());
        assertEquals(4, rs.weight());
        assertEquals(Optional.of(CheckResult.failure("refused")), rs.checkers().getFirst().lastResult());
        assertEquals(1, rs.checkers().getFirst().attempts());
        assertFalse(rs.checkers().getFirst().up());
        assertEquals(Destination.of("10.0.1.1", 80, ForwardMethod.DROUTE, 0), state.destinations().getFirst());
    }

    @Test
    void aSorryServerThatIsAlsoARealServerTakesItsPlaceOnlyWhileActive() {
        VirtualServerPlan plan = vs(2, 0, Optional.of(new SorryServerPlan(
                Destination.of("10.0.1.2", 80, ForwardMethod.DROUTE, 1), false)), false,
                rs("10.0.1.1", 1), rs("10.0.1.2", 1));
        VirtualServerState state = new VirtualServerState(plan);
        state.start();
        assertEquals(Map.of("10.0.1.1", 1, "10.0.1.2", 1), weights(state));
        state.onCheckEvent(down("10.0.1.1"));
        assertEquals(Map.of("10.0.1.2", 1), weights(state), "the sorry entry replaces the real server entry");
        assertEquals(1, state.destinations().size());
    }
}
