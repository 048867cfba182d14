package dev.vigil.vrrp.runtime;

import static dev.vigil.vrrp.runtime.Packets.v4;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.vrrp.codec.VrrpVersion;
import dev.vigil.vrrp.fsm.VrrpState;
import dev.vigil.vrrp.track.TrackerSpec;
import dev.vigil.vrrp.track.Weight;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Sync groups in the runtime: two instances (VI_1 on eth0, VI_2 on eth1) in group G on each
 * of two runtimes joined by a fake LAN; one member's fault moves the whole group and the peer
 * takes both. VRRPv3 at advert_int 0.1 s.
 */
class VrrpRuntimeSyncGroupTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final InetAddress VIP1 = v4("10.0.1.100");
    private static final InetAddress VIP2 = v4("10.0.2.100");

    private final FakeVrrpIo.Lan lan = new FakeVrrpIo.Lan();
    private final FakeVrrpIo highIo = new FakeVrrpIo(v4("10.0.0.1"), lan);
    private final FakeVrrpIo lowIo = new FakeVrrpIo(v4("10.0.0.2"), lan);
    private final RecordingListener highEvents = new RecordingListener();
    private final List<VrrpRuntime> started = new ArrayList<>();

    private static List<VrrpInstanceSettings> pair(int priority) {
        return List.of(
                VrrpInstanceSettings.of("VI_1", "eth0", 1, VrrpVersion.V3, priority, 10,
                        List.of(VirtualAddress.of(VIP1, 24))),
                VrrpInstanceSettings.of("VI_2", "eth1", 2, VrrpVersion.V3, priority, 10,
                        List.of(VirtualAddress.of(VIP2, 24)))
                        .withTrackers(List.of(new TrackerSpec.Interface("trk", Weight.FAULT_ONLY))));
    }

    private static RuntimeDefinitions group() {
        return RuntimeDefinitions.NONE.withSyncGroups(List.of(SyncGroupSettings.of("G", List.of("VI_1", "VI_2"))));
    }

    private VrrpRuntime start(List<VrrpInstanceSettings> instances, FakeVrrpIo io, VrrpEventListener listener)
            throws Exception {
        VrrpRuntime runtime = new VrrpRuntime(instances, group(), io, listener);
        started.add(runtime);
        runtime.start();
        return runtime;
    }

    @AfterEach
    void stopAll() {
        started.forEach(VrrpRuntime::stop);
    }

    private static boolean both(VrrpRuntime runtime, VrrpState state) {
        return runtime.snapshot().stream().allMatch(s -> s.state() == state);
    }

    @Test
    void oneMembersTrackerFaultMovesTheWholeGroupAndThePeerTakesBoth() throws Exception {
        VrrpRuntime high = start(pair(200), highIo, highEvents);
        VrrpRuntime low = start(pair(100), lowIo, VrrpEventListener.NONE);
        Awaitility.await().atMost(WAIT).until(() -> both(high, VrrpState.MASTER) && both(low, VrrpState.BACKUP));
        assertEquals(Optional.of("G"), high.snapshot().getFirst().syncGroup());

        highIo.setLink("trk", false);
        Awaitility.await().atMost(WAIT).until(() -> both(high, VrrpState.FAULT) && both(low, VrrpState.MASTER));
        List<String> events = highEvents.snapshot();
        assertTrue(events.contains("VI_2 MASTER->FAULT TRACKER_FAULT"), events::toString);
        assertTrue(events.contains("VI_1 MASTER->FAULT SYNC_GROUP"), events::toString);
        assertTrue(events.contains("group G MASTER->FAULT"), events::toString);
        assertTrue(lowIo.actions("add").stream().map(a -> a.addresses().getFirst()).toList()
                .containsAll(List.of(VIP1, VIP2)), "the peer took both VIPs");

        highIo.setLink("trk", true);
        Awaitility.await().atMost(WAIT).until(() -> both(high, VrrpState.MASTER) && both(low, VrrpState.BACKUP));
        assertTrue(highEvents.snapshot().contains("group G FAULT->BACKUP"), highEvents.snapshot()::toString);
    }

    @Test
    void theOwnLinkOfOneMemberMovesTheOtherToo() throws Exception {
        VrrpRuntime high = start(pair(200), highIo, highEvents);
        Awaitility.await().atMost(WAIT).until(() -> both(high, VrrpState.MASTER));
        assertTrue(highEvents.snapshot().contains("group G BACKUP->MASTER"), highEvents.snapshot()::toString);
        highIo.setLink("eth0", false);
        Awaitility.await().atMost(WAIT).until(() -> both(high, VrrpState.FAULT));
        assertTrue(highEvents.snapshot().contains("VI_2 MASTER->FAULT SYNC_GROUP"), highEvents.snapshot()::toString);
    }
}
