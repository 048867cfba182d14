package dev.vigil.vrrp.runtime;

import static dev.vigil.vrrp.runtime.Packets.v4;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.vrrp.codec.VrrpVersion;
import dev.vigil.vrrp.fsm.VrrpState;
import dev.vigil.vrrp.track.TrackerSpec;
import dev.vigil.vrrp.track.Weight;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Trackers in the runtime, on real event loops with fake seams: a fake LAN between two
 * runtimes, a fake script executor and a fake file watcher. VRRPv3 at advert_int 0.1 s.
 */
class VrrpRuntimeTrackingTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final InetAddress VIP = v4("10.0.0.100");
    private static final Duration SCRIPT_INTERVAL = Duration.ofMillis(50);
    private static final Path PRIO_FILE = Path.of("/run/vigil-test/prio");

    private final FakeVrrpIo.Lan lan = new FakeVrrpIo.Lan();
    private final FakeVrrpIo highIo = new FakeVrrpIo(v4("10.0.0.1"), lan);
    private final FakeVrrpIo lowIo = new FakeVrrpIo(v4("10.0.0.2"), lan);
    private final RecordingListener highEvents = new RecordingListener();
    private final List<VrrpRuntime> started = new ArrayList<>();

    private static VrrpInstanceSettings settings(String name, int priority) {
        return settings(name, priority, 7);
    }

    private static VrrpInstanceSettings settings(String name, int priority, int vrid) {
        return VrrpInstanceSettings.of(name, "eth0", vrid, VrrpVersion.V3, priority, 10,
                List.of(VirtualAddress.of(VIP, 24)));
    }

    private static VrrpScript script(String name) {
        return VrrpScript.of(name, List.of("/bin/check")).withInterval(SCRIPT_INTERVAL, SCRIPT_INTERVAL);
    }

    @AfterEach
    void stopAll() {
        started.forEach(VrrpRuntime::stop);
    }

    private VrrpRuntime start(VrrpRuntime runtime) throws Exception {
        started.add(runtime);
        runtime.start();
        return runtime;
    }

    /** A plain backup at 100 on the LAN. */
    private VrrpRuntime startLow() throws Exception {
        return start(new VrrpRuntime(List.of(settings("VI_1", 100)), lowIo, VrrpEventListener.NONE));
    }

    private static VrrpState state(VrrpRuntime runtime) {
        return runtime.snapshot().getFirst().state();
    }

    @Test
    void aFailingWeightedScriptHandsMastershipOverAndBack() throws Exception {
        VrrpScript chk = script("chk").withWeight(Weight.of(-150));
        VrrpRuntime high = start(new VrrpRuntime(List.of(settings("VI_1", 200).withTrackers(List.of(chk.trackedWith()))),
                new RuntimeDefinitions(List.of(chk), List.of(), List.of()), highIo, highEvents));
        VrrpRuntime low = startLow();
        Awaitility.await().atMost(WAIT).until(() -> state(high) == VrrpState.MASTER && state(low) == VrrpState.BACKUP);

        highIo.scripts.exit("chk", 1);
        Awaitility.await().atMost(WAIT).until(() -> state(high) == VrrpState.BACKUP && state(low) == VrrpState.MASTER);
        InstanceSnapshot snapshot = high.snapshot().getFirst();
        assertEquals(50, snapshot.effectivePriority());
        TrackerState tracker = snapshot.trackers().getFirst();
        assertEquals("script chk", tracker.key());
        assertEquals(-150, tracker.priorityDelta());
        assertTrue(tracker.observed().startsWith("FAILED (last run: exit 1)"), tracker.observed());

        highIo.scripts.exit("chk", 0);
        Awaitility.await().atMost(WAIT).until(() -> state(high) == VrrpState.MASTER && state(low) == VrrpState.BACKUP);
        assertEquals(200, high.snapshot().getFirst().effectivePriority());
    }

    @Test
    void aWeightZeroScriptWithInitFailHoldsFaultUntilItSucceeds() throws Exception {
        VrrpScript chk = script("chk").withInitFail(true);
        highIo.scripts.exit("chk", 2);
        VrrpRuntime high = start(new VrrpRuntime(List.of(settings("VI_1", 200).withTrackers(List.of(chk.trackedWith()))),
                new RuntimeDefinitions(List.of(chk), List.of(), List.of()), highIo, highEvents));
        Awaitility.await().atMost(WAIT).until(() -> highIo.scripts.runs("chk") >= 3);
        assertEquals(VrrpState.FAULT, state(high));
        assertTrue(high.snapshot().getFirst().trackers().getFirst().fault().isPresent());
        assertTrue(highIo.actions("advert").isEmpty(), "no advert while in FAULT");

        highIo.scripts.exit("chk", 0);
        Awaitility.await().atMost(WAIT).until(() -> state(high) == VrrpState.MASTER);
        assertTrue(highEvents.snapshot().contains("VI_1 FAULT->BACKUP TRACKER_RECOVERED"), highEvents.snapshot()::toString);
    }

    @Test
    void aTrackedInterfaceFaultsTheInstanceAndAWeightedOneShiftsPriority() throws Exception {
        highIo.setLink("trk", false);
        VrrpRuntime high = start(new VrrpRuntime(List.of(settings("VI_1", 200).withTrackers(List.of(
                new TrackerSpec.Interface("trk", Weight.FAULT_ONLY),
                new TrackerSpec.Interface("wan", new Weight(-30, false))))), highIo, highEvents));
        Awaitility.await().atMost(WAIT).until(() -> state(high) == VrrpState.FAULT);
        assertEquals("down", high.snapshot().getFirst().trackers().getFirst().observed());

        highIo.setLink("trk", true);
        Awaitility.await().atMost(WAIT).until(() -> state(high) == VrrpState.MASTER);
        highIo.setLink("wan", false);
        Awaitility.await().atMost(WAIT).until(() -> high.snapshot().getFirst().effectivePriority() == 170);
        assertEquals(VrrpState.MASTER, state(high));
        assertEquals(-30, high.snapshot().getFirst().trackers().get(1).priorityDelta());
    }

    @Test
    void aTrackFileValueSetsPriorityFromTheStart() throws Exception {
        TrackFile prio = TrackFile.of("prio", PRIO_FILE).withInitFile(-150, false);
        VrrpRuntime high = start(new VrrpRuntime(List.of(settings("VI_1", 200).withTrackers(List.of(prio.trackedWith()))),
                new RuntimeDefinitions(List.of(), List.of(prio), List.of()), highIo, highEvents));
        VrrpRuntime low = startLow();
        assertEquals("-150\n", highIo.files.contents.get(PRIO_FILE), "init_file wrote the missing file");
        Awaitility.await().atMost(WAIT).until(() -> state(low) == VrrpState.MASTER && state(high) == VrrpState.BACKUP);
        assertEquals(50, high.snapshot().getFirst().effectivePriority());
        assertTrue(highEvents.snapshot().stream().noneMatch(e -> e.contains("->MASTER")),
                "the file's value applied before the instance started");

        highIo.files.set(PRIO_FILE, "0x0a junk");
        Awaitility.await().atMost(WAIT).until(() -> state(high) == VrrpState.MASTER && state(low) == VrrpState.BACKUP);
        assertEquals(210, high.snapshot().getFirst().effectivePriority());
        assertEquals("value 10", high.snapshot().getFirst().trackers().getFirst().observed());

        highIo.files.set(PRIO_FILE, "-1000");
        Awaitility.await().atMost(WAIT).until(() -> state(high) == VrrpState.FAULT);
    }

    /** keepalived writes init_file at a reload only where the file is missing ("don't overwrite a file on reload"). */
    @Test
    void aReloadWritesInitFileOnlyWhereTheFileIsMissing() throws Exception {
        Path other = PRIO_FILE.resolveSibling("other");
        TrackFile prio = TrackFile.of("prio", PRIO_FILE).withInitFile(5, true);
        TrackFile second = TrackFile.of("other", other).withInitFile(3, true);
        highIo.files.contents.put(PRIO_FILE, "9\n");
        highIo.files.contents.put(other, "9\n");
        VrrpInstanceSettings tracksPrio = settings("VI_1", 200).withTrackers(List.of(prio.trackedWith()));
        VrrpRuntime high = start(new VrrpRuntime(List.of(tracksPrio),
                new RuntimeDefinitions(List.of(), List.of(prio), List.of()), highIo, highEvents));
        assertEquals("5\n", highIo.files.contents.get(PRIO_FILE), "overwrite at start");

        highIo.files.set(PRIO_FILE, "7\n");
        VrrpInstanceSettings tracksBoth = settings("VI_1", 200).withTrackers(List.of(prio.trackedWith(),
                second.trackedWith()));
        high.reconfigure(List.of(tracksBoth), new RuntimeDefinitions(List.of(), List.of(prio, second), List.of()));
        assertEquals("7\n", highIo.files.contents.get(PRIO_FILE), "a kept file is not overwritten");
        assertEquals("9\n", highIo.files.contents.get(other), "nor is a file the reload starts tracking");

        highIo.files.contents.remove(PRIO_FILE);
        high.reconfigure(List.of(tracksBoth), new RuntimeDefinitions(List.of(), List.of(prio, second), List.of()));
        assertEquals("5\n", highIo.files.contents.get(PRIO_FILE), "a missing one is written again");
    }

    @Test
    void stopReportsAStopTransitionForEveryInstanceAndClosesTheSeams() throws Exception {
        VrrpRuntime high = start(new VrrpRuntime(List.of(settings("VI_1", 200),
                settings("VI_2", 100, 8).withTrackers(List.of(new TrackerSpec.Interface("trk", Weight.FAULT_ONLY)))),
                highIo, highEvents));
        highIo.setLink("trk", false);
        Awaitility.await().atMost(WAIT).until(() -> high.snapshot().get(0).state() == VrrpState.MASTER
                && high.snapshot().get(1).state() == VrrpState.FAULT);
        high.stop();
        List<String> events = highEvents.snapshot();
        assertTrue(events.contains("VI_1 MASTER->STOPPED SHUTDOWN"), events::toString);
        assertTrue(events.contains("VI_2 FAULT->STOPPED SHUTDOWN"), events::toString);
        assertTrue(highIo.scripts.closed && highIo.files.closed);
    }

    @Test
    void definitionsAreChecked() {
        FakeVrrpIo io = new FakeVrrpIo(v4("10.0.0.3"), null);
        VrrpInstanceSettings tracksUndefined = settings("VI_1", 100)
                .withTrackers(List.of(new TrackerSpec.Script("nope", Weight.FAULT_ONLY)));
        assertThrows(IllegalArgumentException.class, () -> new VrrpRuntime(List.of(tracksUndefined),
                RuntimeDefinitions.NONE, io, VrrpEventListener.NONE));
        List<SyncGroupSettings> twice = List.of(SyncGroupSettings.of("A", List.of("VI_1")),
                SyncGroupSettings.of("B", List.of("VI_1")));
        assertThrows(IllegalArgumentException.class, () -> new VrrpRuntime(List.of(settings("VI_1", 100)),
                RuntimeDefinitions.NONE.withSyncGroups(twice), io, VrrpEventListener.NONE));
        assertThrows(IllegalArgumentException.class, () -> new VrrpRuntime(List.of(settings("VI_1", 100)),
                RuntimeDefinitions.NONE.withSyncGroups(List.of(SyncGroupSettings.of("A", List.of("VI_9")))), io,
                VrrpEventListener.NONE));
        assertEquals(Optional.empty(), new InstanceSnapshot("x", VrrpState.INIT, 1, Optional.empty(),
                new InstanceCounters().snapshot()).syncGroup());
    }
}
