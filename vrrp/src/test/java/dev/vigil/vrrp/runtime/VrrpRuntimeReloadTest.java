package dev.vigil.vrrp.runtime;

import static dev.vigil.vrrp.runtime.Packets.v4;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.linux.rtnetlink.AddressPrefix;
import dev.vigil.linux.rtnetlink.Route;
import dev.vigil.linux.rtnetlink.RouteType;
import dev.vigil.linux.rtnetlink.RoutingRule;
import dev.vigil.vrrp.codec.VrrpVersion;
import dev.vigil.vrrp.fsm.VrrpState;
import dev.vigil.vrrp.track.TrackerSpec;
import dev.vigil.vrrp.track.Weight;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link VrrpRuntime#reconfigure} on a real event loop with fake seams: VIPs added to and
 * removed from a master without a transition, instances removed (priority 0, DELETED) and
 * added, tracked scripts kept running, sync groups kept or rebuilt. VRRPv3 at 0.1 s.
 */
class VrrpRuntimeReloadTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final InetAddress VIP_A = v4("10.0.0.100");
    private static final InetAddress VIP_B = v4("10.0.0.101");
    private static final Duration SCRIPT_INTERVAL = Duration.ofMillis(50);

    private final FakeVrrpIo io = new FakeVrrpIo(v4("10.0.0.1"), null);
    private final RecordingListener events = new RecordingListener();
    private VrrpRuntime runtime;

    private static VrrpInstanceSettings instance(String name, int vrid, InetAddress... vips) {
        return VrrpInstanceSettings.of(name, "eth0", vrid, VrrpVersion.V3, 100, 10,
                java.util.Arrays.stream(vips).map(a -> VirtualAddress.of(a, 24)).toList());
    }

    private static VrrpScript script(String name, String command) {
        return VrrpScript.of(name, List.of(command)).withInterval(SCRIPT_INTERVAL, SCRIPT_INTERVAL);
    }

    @AfterEach
    void stop() {
        if (runtime != null) {
            runtime.stop();
        }
    }

    private void start(List<VrrpInstanceSettings> instances, RuntimeDefinitions definitions) throws Exception {
        runtime = new VrrpRuntime(instances, definitions, io, events);
        runtime.start();
    }

    private VrrpState state(String name) {
        return runtime.snapshot().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow().state();
    }

    private long transitions(String name) {
        return events.snapshot().stream().filter(e -> e.startsWith(name + " ")).count();
    }

    private List<List<InetAddress>> actions(String instance, String kind) {
        return io.actions(kind).stream().filter(a -> a.instance().equals(instance)).map(FakeVrrpIo.Action::addresses)
                .toList();
    }

    @Test
    void vipsComeAndGoOnAMasterWithoutATransition() throws Exception {
        start(List.of(instance("VI_1", 7, VIP_A)), RuntimeDefinitions.NONE);
        Awaitility.await().atMost(WAIT).until(() -> state("VI_1") == VrrpState.MASTER);
        long before = transitions("VI_1");
        long sent = runtime.snapshot().getFirst().statistics().advertsSent();

        Reconfiguration added = runtime.reconfigure(List.of(instance("VI_1", 7, VIP_A, VIP_B)), RuntimeDefinitions.NONE);
        assertEquals(1, added.instances().vipsAdded());
        assertEquals(List.of(List.of(VIP_B)), actions("VI_1", "add").subList(1, 2), "only the new VIP is added");
        assertEquals(List.of(VIP_A, VIP_B), actions("VI_1", "announce").getLast(), "every VIP is announced");

        runtime.reconfigure(List.of(instance("VI_1", 7, VIP_A)), RuntimeDefinitions.NONE);
        assertEquals(List.of(VIP_B), actions("VI_1", "remove").getLast());
        assertEquals(List.of(), actions("VI_1", "remove").stream().filter(a -> a.contains(VIP_A)).toList());

        Awaitility.await().atMost(WAIT).until(() -> runtime.snapshot().getFirst().statistics().advertsSent() > sent + 3);
        assertEquals(before, transitions("VI_1"), events.snapshot().toString());
        assertEquals(VrrpState.MASTER, state("VI_1"));
    }

    @Test
    void routesAndRulesOfAMasterAreDiffedAndANewApplierTakesOverWhatTheOldOneAdded() throws Exception {
        VirtualRoute kept = new VirtualRoute(Route.to(new AddressPrefix(v4("10.5.0.0"), 16)).via(v4("10.0.0.254")),
                Optional.empty(), false);
        VirtualRoute dropped = new VirtualRoute(Route.to(new AddressPrefix(v4("10.6.0.0"), 16))
                .ofType(RouteType.BLACKHOLE), Optional.empty(), false);
        RoutingRule rule = RoutingRule.from(new AddressPrefix(v4("10.0.0.0"), 24), 100);
        VrrpInstanceSettings before = instance("VI_1", 7, VIP_A)
                .withRouting(new InstanceRouting(List.of(), List.of(kept, dropped), List.of()));
        start(List.of(before), RuntimeDefinitions.NONE);
        Awaitility.await().atMost(WAIT).until(() -> state("VI_1") == VrrpState.MASTER);
        assertEquals(new FakeVrrpIo.RoutingAction("VI_1", "add", List.of(kept, dropped), List.of()),
                io.routing.getLast());
        assertFalse(io.routingWatched, "routes without a dev are not tracked, so deletions are not watched");

        // An excluded VIP on another interface: new seams, so the new applier takes over.
        VirtualAddress elsewhere = new VirtualAddress(v4("10.9.0.1"), 32, Optional.empty(), Optional.of("eth1"));
        VrrpInstanceSettings after = instance("VI_1", 7, VIP_A)
                .withRouting(new InstanceRouting(List.of(elsewhere), List.of(kept), List.of(rule)));
        Reconfiguration done = runtime.reconfigure(List.of(after), RuntimeDefinitions.NONE);
        assertEquals(1, done.instances().routingAdded());
        assertEquals(1, done.instances().routingRemoved());
        List<FakeVrrpIo.RoutingAction> routing = io.routing.subList(io.routing.size() - 2, io.routing.size());
        assertEquals(List.of(new FakeVrrpIo.RoutingAction("VI_1", "remove", List.of(dropped), List.of()),
                new FakeVrrpIo.RoutingAction("VI_1", "add", List.of(), List.of(rule))), routing);
        assertEquals(List.of(v4("10.9.0.1")), actions("VI_1", "add").getLast());
        assertEquals(List.of("VI_1"), io.takenOver);
        assertEquals(VrrpState.MASTER, state("VI_1"));
        assertTrue(io.routingWatched, "a rule is tracked: deletions are watched from this reload on");

        runtime.stop();
        assertEquals(new FakeVrrpIo.RoutingAction("VI_1", "remove", List.of(kept), List.of(rule)),
                io.routing.getLast());
        assertEquals(List.of(VIP_A, v4("10.9.0.1")), actions("VI_1", "remove").getLast());
        runtime = null;
    }

    @Test
    void deletionsAreWatchedOnlyWhileARuleOrARouteIsTracked() throws Exception {
        // The adapter sends a no_track rule without a protocol, a tracked one with protocol keepalived.
        RoutingRule untracked = new RoutingRule(false, Optional.of(new AddressPrefix(v4("10.0.0.0"), 24)),
                Optional.empty(), 100, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), 0);
        start(List.of(instance("VI_1", 7, VIP_A).withRouting(new InstanceRouting(List.of(), List.of(),
                List.of(untracked)))), RuntimeDefinitions.NONE);
        Awaitility.await().atMost(WAIT).until(() -> state("VI_1") == VrrpState.MASTER);
        assertFalse(io.routingWatched, "no_track on the only rule: nothing to watch");
        runtime.reconfigure(List.of(instance("VI_1", 7, VIP_A).withRouting(new InstanceRouting(List.of(), List.of(),
                List.of(RoutingRule.from(new AddressPrefix(v4("10.0.0.0"), 24), 100))))), RuntimeDefinitions.NONE);
        assertTrue(io.routingWatched, "a tracked rule: watched from this reload on");
    }

    @Test
    void aRemovedMasterResignsAndAnAddedInstanceStartsAsAtStartup() throws Exception {
        start(List.of(instance("VI_1", 7, VIP_A), instance("VI_2", 8, VIP_B)), RuntimeDefinitions.NONE);
        Awaitility.await().atMost(WAIT).until(() -> state("VI_2") == VrrpState.MASTER);

        Reconfiguration done = runtime.reconfigure(List.of(instance("VI_1", 7, VIP_A), instance("VI_3", 9)),
                RuntimeDefinitions.NONE);
        assertEquals(List.of("VI_2"), done.instances().removed().stream().map(VrrpInstanceSettings::name).toList());
        assertEquals(List.of("VI_3"), done.instances().added().stream().map(VrrpInstanceSettings::name).toList());
        assertTrue(events.snapshot().contains("VI_2 MASTER->STOPPED DELETED"), events.snapshot().toString());
        assertEquals(0, io.actions("advert").stream().filter(a -> a.instance().equals("VI_2")).toList().getLast()
                .priority(), "the deleted master resigned with priority 0");
        assertEquals(List.of(VIP_B), actions("VI_2", "remove").getLast());
        assertTrue(events.snapshot().contains("VI_3 INIT->BACKUP STARTUP"), events.snapshot().toString());
        assertEquals(List.of("VI_1", "VI_3"), runtime.snapshot().stream().map(InstanceSnapshot::name).toList());
        Awaitility.await().atMost(WAIT).until(() -> state("VI_3") == VrrpState.MASTER);
    }

    @Test
    void aRenamedInstanceKeepsItsStateAndCounters() throws Exception {
        start(List.of(instance("VI_1", 7, VIP_A)), RuntimeDefinitions.NONE);
        Awaitility.await().atMost(WAIT).until(() -> state("VI_1") == VrrpState.MASTER);
        long sent = runtime.snapshot().getFirst().statistics().advertsSent();
        runtime.reconfigure(List.of(instance("WEB", 7, VIP_A)), RuntimeDefinitions.NONE);
        InstanceSnapshot web = runtime.snapshot().getFirst();
        assertEquals("WEB", web.name());
        assertEquals(VrrpState.MASTER, web.state());
        assertTrue(web.statistics().advertsSent() >= sent);
        assertEquals(0, transitions("WEB"));
    }

    @Test
    void anUnchangedScriptKeepsRunningAndAChangedOneStartsAgain() throws Exception {
        RuntimeDefinitions scripts = RuntimeDefinitions.NONE.withScripts(List.of(script("chk", "/bin/chk"),
                script("other", "/bin/other")));
        VrrpInstanceSettings tracking = instance("VI_1", 7, VIP_A).withTrackers(List.of(
                new TrackerSpec.Script("chk", Weight.of(-10)), new TrackerSpec.Script("other", Weight.FAULT_ONLY)));
        start(List.of(tracking), scripts);
        Awaitility.await().atMost(WAIT).until(() -> io.scripts.runs("chk") >= 3 && state("VI_1") == VrrpState.MASTER);
        long before = transitions("VI_1");

        RuntimeDefinitions changed = RuntimeDefinitions.NONE.withScripts(List.of(script("chk", "/bin/chk"),
                script("other", "/bin/other-v2")));
        Reconfiguration done = runtime.reconfigure(List.of(tracking), changed);
        assertEquals(List.of("chk"), done.scriptsKept());
        assertEquals(List.of("other"), done.scriptsStarted());
        assertEquals(List.of("other"), done.scriptsStopped());
        int runs = io.scripts.runs("chk");
        Awaitility.await().atMost(WAIT).until(() -> io.scripts.runs("chk") > runs + 2);
        assertEquals(VrrpState.MASTER, state("VI_1"));
        assertEquals(before, transitions("VI_1"), "the changed weight-0 script did not fault VI_1: "
                + events.snapshot());

        Reconfiguration dropped = runtime.reconfigure(List.of(instance("VI_1", 7, VIP_A)), changed);
        assertEquals(List.of("chk", "other"), dropped.scriptsStopped());
        int after = io.scripts.runs("chk");
        Awaitility.await().pollDelay(Duration.ofMillis(200)).atMost(WAIT).until(() -> true);
        assertTrue(io.scripts.runs("chk") <= after + 1, "no runs after the script was dropped");
        assertEquals(List.of(), runtime.snapshot().getFirst().trackers());
    }

    @Test
    void aFailingScriptAddedByAReloadLowersThePriorityOfAKeptInstance() throws Exception {
        start(List.of(instance("VI_1", 7, VIP_A)), RuntimeDefinitions.NONE);
        Awaitility.await().atMost(WAIT).until(() -> state("VI_1") == VrrpState.MASTER);
        io.scripts.exit("chk", 1);
        runtime.reconfigure(List.of(instance("VI_1", 7, VIP_A).withTrackers(List.of(
                new TrackerSpec.Script("chk", Weight.of(-30))))),
                RuntimeDefinitions.NONE.withScripts(List.of(script("chk", "/bin/chk"))));
        Awaitility.await().atMost(WAIT).until(() -> runtime.snapshot().getFirst().effectivePriority() == 70);
        assertEquals(VrrpState.MASTER, state("VI_1"));
    }

    @Test
    void anUnchangedSyncGroupIsKeptAndAChangedOneRebuilt() throws Exception {
        List<VrrpInstanceSettings> two = List.of(instance("VI_1", 7, VIP_A), instance("VI_2", 8, VIP_B));
        RuntimeDefinitions grouped = RuntimeDefinitions.NONE.withSyncGroups(List.of(
                SyncGroupSettings.of("G", List.of("VI_1", "VI_2"))));
        start(two, grouped);
        Awaitility.await().atMost(WAIT).until(() -> state("VI_1") == VrrpState.MASTER && state("VI_2") == VrrpState.MASTER);
        long before = events.snapshot().size();
        long started = transitions("VI_1") + transitions("VI_2");

        Reconfiguration same = runtime.reconfigure(two, grouped);
        assertTrue(same.isEmpty(), same.toString());
        assertEquals(before, events.snapshot().size());

        Reconfiguration renamed = runtime.reconfigure(two, RuntimeDefinitions.NONE.withSyncGroups(List.of(
                SyncGroupSettings.of("H", List.of("VI_1", "VI_2")))));
        assertEquals(List.of("H"), renamed.groupsBuilt());
        assertEquals(List.of("G"), renamed.groupsRemoved());
        assertEquals("group H INIT->MASTER", events.snapshot().getLast());
        assertEquals(List.of(java.util.Optional.of("H"), java.util.Optional.of("H")),
                runtime.snapshot().stream().map(InstanceSnapshot::syncGroup).toList());
        assertEquals(started, transitions("VI_1") + transitions("VI_2"), "no member moved: " + events.snapshot());
    }

    @Test
    void anInvalidReloadChangesNothing() throws Exception {
        start(List.of(instance("VI_1", 7, VIP_A)), RuntimeDefinitions.NONE);
        Awaitility.await().atMost(WAIT).until(() -> state("VI_1") == VrrpState.MASTER);
        VrrpInstanceSettings undefined = instance("VI_1", 7, VIP_A, VIP_B).withTrackers(List.of(
                new TrackerSpec.Script("missing", Weight.FAULT_ONLY)));
        assertThrows(IllegalArgumentException.class, () -> runtime.reconfigure(List.of(undefined),
                RuntimeDefinitions.NONE));
        assertThrows(IllegalArgumentException.class, () -> runtime.reconfigure(List.of(instance("VI_1", 7),
                instance("VI_1", 8)), RuntimeDefinitions.NONE));
        assertEquals(1, actions("VI_1", "add").size(), "VIP_B was not added");
        assertEquals(VrrpState.MASTER, state("VI_1"));
    }
}
