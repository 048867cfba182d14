package dev.vigil.vrrp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.linux.NetNamespace;
import dev.vigil.linux.testing.NetnsLab;
import dev.vigil.vrrp.codec.VrrpVersion;
import dev.vigil.vrrp.fsm.VrrpState;
import dev.vigil.vrrp.track.TrackerSpec;
import dev.vigil.vrrp.track.Weight;
import dev.vigil.vrrp.testing.VipProbe;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trackers and sync groups for real: namespaces "a" and "b" joined by two veth pairs
 * (a1–b1 10.79.1.0/24, a2–b2 10.79.2.0/24), and an interface "trk" in "a" to track (one end of
 * a third veth pair: the test kernel may have no dummy driver). Node "a"
 * runs at priority 150, node "b" at 100; VRRPv3, advert_int 0.1 s to keep it quick.
 */
@Tag("netns")
class VrrpTrackingNetnsTest {

    private static final Logger LOG = LoggerFactory.getLogger(VrrpTrackingNetnsTest.class);
    private static final String VIP1 = "10.79.1.100";
    private static final String VIP2 = "10.79.2.100";
    private static final Duration SETTLE = Duration.ofSeconds(10);
    private static final Duration SCRIPT_INTERVAL = Duration.ofMillis(200);

    @TempDir
    Path temp;

    private NetnsLab lab;
    private String nsA;
    private String nsB;
    private final List<VrrpRuntime> running = new ArrayList<>();

    @BeforeEach
    void buildLinks() {
        NetnsLab.assumeAvailable();
        lab = new NetnsLab();
        nsA = lab.namespace("a");
        nsB = lab.namespace("b");
        lab.veth(nsA, "a1", nsB, "b1");
        lab.veth(nsA, "a2", nsB, "b2");
        lab.address(nsA, "a1", "10.79.1.1/24");
        lab.address(nsB, "b1", "10.79.1.2/24");
        lab.address(nsA, "a2", "10.79.2.1/24");
        lab.address(nsB, "b2", "10.79.2.2/24");
        // The interface to track: this kernel may lack the dummy driver, so one end of a third veth pair.
        lab.veth(nsA, "trk", nsB, "trkp");
    }

    @AfterEach
    void tearDown() {
        for (VrrpRuntime runtime : running.reversed()) {
            try {
                runtime.stop();
            } catch (RuntimeException e) {
                LOG.warn("could not stop a runtime", e);
            }
        }
        if (lab != null) {
            lab.close();
        }
    }

    private VrrpRuntime start(String namespace, List<VrrpInstanceSettings> instances, RuntimeDefinitions definitions,
                              VrrpEventListener listener) throws Exception {
        VrrpRuntime runtime = new VrrpRuntime(instances, definitions, new LinuxVrrpIo(), listener);
        NetNamespace.run(namespace, runtime::start);
        running.add(runtime);
        return runtime;
    }

    private static VrrpInstanceSettings instance(String name, String interfaceName, int vrid, int priority, String vip)
            throws Exception {
        return VrrpInstanceSettings.of(name, interfaceName, vrid, VrrpVersion.V3, priority, 10,
                List.of(VirtualAddress.of(InetAddress.getByName(vip), 24)));
    }

    private static VrrpState state(VrrpRuntime runtime, int index) {
        return runtime.snapshot().get(index).state();
    }

    @Test
    void aTrackedInterfaceFaultInOneMemberMovesTheWholeSyncGroup() throws Exception {
        RuntimeDefinitions group = RuntimeDefinitions.NONE.withSyncGroups(
                List.of(SyncGroupSettings.of("G", List.of("VI_1", "VI_2"))));
        RecordingListener aEvents = new RecordingListener();
        VrrpRuntime a = start(nsA, List.of(instance("VI_1", "a1", 51, 150, VIP1),
                instance("VI_2", "a2", 52, 150, VIP2)
                        .withTrackers(List.of(new TrackerSpec.Interface("trk", Weight.FAULT_ONLY)))), group, aEvents);
        VrrpRuntime b = start(nsB, List.of(instance("VI_1", "b1", 51, 100, VIP1),
                instance("VI_2", "b2", 52, 100, VIP2)), group, VrrpEventListener.NONE);
        VipProbe.await(nsA, "a1", VIP1, true, SETTLE);
        VipProbe.await(nsA, "a2", VIP2, true, SETTLE);
        Awaitility.await().atMost(SETTLE).until(() -> state(b, 0) == VrrpState.BACKUP && state(b, 1) == VrrpState.BACKUP);

        lab.exec(nsA, "ip", "link", "set", "trk", "down");
        VipProbe.await(nsB, "b1", VIP1, true, SETTLE);
        VipProbe.await(nsB, "b2", VIP2, true, SETTLE);
        VipProbe.await(nsA, "a1", VIP1, false, SETTLE);
        VipProbe.await(nsA, "a2", VIP2, false, SETTLE);
        assertEquals(VrrpState.FAULT, state(a, 0));
        assertEquals(VrrpState.FAULT, state(a, 1));
        List<String> events = aEvents.snapshot();
        assertTrue(events.contains("VI_2 MASTER->FAULT TRACKER_FAULT"), events::toString);
        assertTrue(events.contains("VI_1 MASTER->FAULT SYNC_GROUP"), events::toString);
        assertTrue(events.contains("group G MASTER->FAULT"), events::toString);
        assertEquals("down", a.snapshot().get(1).trackers().getFirst().observed());

        lab.exec(nsA, "ip", "link", "set", "trk", "up");
        VipProbe.await(nsA, "a1", VIP1, true, SETTLE);
        VipProbe.await(nsA, "a2", VIP2, true, SETTLE);
        VipProbe.await(nsB, "b1", VIP1, false, SETTLE);
        VipProbe.await(nsB, "b2", VIP2, false, SETTLE);
    }

    @Test
    void aFailingScriptWithWeightMinus60LetsTheBackupPreempt() throws Exception {
        Path marker = temp.resolve("fail");
        // The script also checks that it runs in the runtime's namespace, where a1 exists.
        VrrpScript check = VrrpScript.of("chk", List.of("/bin/sh", "-c",
                        "test ! -e " + marker + " && ip link show a1 > /dev/null"))
                .withInterval(SCRIPT_INTERVAL, Duration.ofSeconds(2)).withWeight(Weight.of(-60));
        VrrpRuntime a = start(nsA, List.of(instance("VI_1", "a1", 51, 150, VIP1).withTrackers(
                List.of(check.trackedWith()))), RuntimeDefinitions.NONE.withScripts(List.of(check)),
                VrrpEventListener.NONE);
        start(nsB, List.of(instance("VI_1", "b1", 51, 100, VIP1)), RuntimeDefinitions.NONE, VrrpEventListener.NONE);
        VipProbe.await(nsA, "a1", VIP1, true, SETTLE);

        Files.writeString(marker, "");
        VipProbe.await(nsB, "b1", VIP1, true, SETTLE);
        VipProbe.await(nsA, "a1", VIP1, false, SETTLE);
        InstanceSnapshot lowered = a.snapshot().getFirst();
        assertEquals(VrrpState.BACKUP, lowered.state());
        assertEquals(90, lowered.effectivePriority());
        assertTrue(lowered.trackers().getFirst().observed().startsWith("FAILED"), lowered::toString);

        Files.delete(marker);
        VipProbe.await(nsA, "a1", VIP1, true, SETTLE);
        VipProbe.await(nsB, "b1", VIP1, false, SETTLE);
        assertEquals(150, a.snapshot().getFirst().effectivePriority());
    }

    @Test
    void aTrackFileValueMovesMastershipBothWays() throws Exception {
        Path file = temp.resolve("prio");
        TrackFile prio = TrackFile.of("prio", file).withInitFile(0, true);
        VrrpRuntime a = start(nsA, List.of(instance("VI_1", "a1", 51, 150, VIP1).withTrackers(
                List.of(prio.trackedWith()))), RuntimeDefinitions.NONE.withFiles(List.of(prio)),
                VrrpEventListener.NONE);
        start(nsB, List.of(instance("VI_1", "b1", 51, 100, VIP1)), RuntimeDefinitions.NONE, VrrpEventListener.NONE);
        assertEquals("0\n", Files.readString(file), "init_file wrote the value");
        VipProbe.await(nsA, "a1", VIP1, true, SETTLE);

        Files.writeString(file, "-60\n");
        VipProbe.await(nsB, "b1", VIP1, true, SETTLE);
        VipProbe.await(nsA, "a1", VIP1, false, SETTLE);
        assertEquals(90, a.snapshot().getFirst().effectivePriority());

        Files.writeString(file, "5\n");
        VipProbe.await(nsA, "a1", VIP1, true, SETTLE);
        VipProbe.await(nsB, "b1", VIP1, false, SETTLE);
        assertEquals(155, a.snapshot().getFirst().effectivePriority());
        assertEquals("value 5", a.snapshot().getFirst().trackers().getFirst().observed());
    }
}
