package dev.vigil.vrrp.runtime;

import static dev.vigil.vrrp.runtime.Packets.v4;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.vrrp.codec.AddressFamily;
import dev.vigil.vrrp.codec.Advertisement;
import dev.vigil.vrrp.codec.RejectReason;
import dev.vigil.vrrp.codec.VrrpVersion;
import dev.vigil.vrrp.fsm.VrrpState;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two runtimes on their real event loops, joined by a fake LAN that carries the real codec's
 * bytes: election, resignation on stop, link loss, and packets the decoder refuses. VRRPv3 at
 * advert_int 0.1 s keeps it quick.
 */
class VrrpRuntimeTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final InetAddress VIP = v4("10.0.0.100");

    private final FakeVrrpIo.Lan lan = new FakeVrrpIo.Lan();
    private final FakeVrrpIo highIo = new FakeVrrpIo(v4("10.0.0.1"), lan);
    private final FakeVrrpIo lowIo = new FakeVrrpIo(v4("10.0.0.2"), lan);
    private final RecordingListener highEvents = new RecordingListener();
    private final RecordingListener lowEvents = new RecordingListener();
    private final VrrpRuntime high = new VrrpRuntime(List.of(settings("VI_1", 200)), highIo, highEvents);
    private final VrrpRuntime low = new VrrpRuntime(List.of(settings("VI_1", 100)), lowIo, lowEvents);

    private static VrrpInstanceSettings settings(String name, int priority) {
        return VrrpInstanceSettings.of(name, "eth0", 7, VrrpVersion.V3, priority, 10,
                List.of(VirtualAddress.of(VIP, 24)));
    }

    @AfterEach
    void stopBoth() {
        high.stop();
        low.stop();
    }

    private static VrrpState state(VrrpRuntime runtime) {
        return runtime.snapshot().getFirst().state();
    }

    @Test
    void theHigherPriorityWinsAndResignsOnStop() throws Exception {
        high.start();
        Awaitility.await().atMost(WAIT).until(() -> state(high) == VrrpState.MASTER);
        low.start();
        Awaitility.await().atMost(WAIT).until(() -> lowIo.actions("advert").isEmpty()
                && state(low) == VrrpState.BACKUP && low.snapshot().getFirst().statistics().advertsReceived() >= 3);
        assertEquals(v4("10.0.0.1"), low.snapshot().getFirst().masterAddress().orElseThrow());

        high.stop();
        InstanceStatistics highStats = high.snapshot().getFirst().statistics();
        assertEquals(1, highStats.priorityZeroSent());
        assertEquals(VrrpState.STOPPED, high.snapshot().getFirst().state());
        assertEquals("remove", highIo.actions.getLast().kind(), "the stopped master released its VIPs last");
        Awaitility.await().atMost(WAIT).until(() -> state(low) == VrrpState.MASTER);
        InstanceStatistics lowStats = low.snapshot().getFirst().statistics();
        assertEquals(1, lowStats.priorityZeroReceived());
        assertTrue(lowEvents.snapshot().contains("VI_1 BACKUP->MASTER MASTER_DOWN_TIMER"));
    }

    @Test
    void linkLossPutsTheMasterInFaultAndTheBackupTakesOver() throws Exception {
        high.start();
        low.start();
        Awaitility.await().atMost(WAIT).until(() -> state(high) == VrrpState.MASTER && state(low) == VrrpState.BACKUP);
        highIo.setLink("eth0", false);
        Awaitility.await().atMost(WAIT).until(() -> state(high) == VrrpState.FAULT && state(low) == VrrpState.MASTER);
        highIo.setLink("eth0", true);
        Awaitility.await().atMost(WAIT).until(() -> state(high) == VrrpState.MASTER && state(low) == VrrpState.BACKUP);
        assertTrue(highEvents.snapshot().contains("VI_1 MASTER->FAULT LINK_DOWN"));
        assertTrue(lowEvents.snapshot().contains("VI_1 MASTER->BACKUP HIGHER_PRIORITY_ADVERT"));
    }

    @Test
    void malformedPacketsAreCountedAndChangeNothing() throws Exception {
        low.start();
        Awaitility.await().atMost(WAIT).until(() -> state(low) == VrrpState.MASTER);
        byte[] packet = Packets.ipv4(Advertisement.v3(7, 250, 10,
                AddressFamily.IPV4, List.of(VIP)), v4("10.0.0.9"));
        packet[8] = (byte) 254;
        lowIo.inject(packet);
        lowIo.inject(new byte[] {0x45, 0, 0, 21, 0});
        Awaitility.await().atMost(WAIT).until(() ->
                low.snapshot().getFirst().statistics().packetRejects().equals(Map.of(RejectReason.TTL_NOT_255, 1L))
                        && low.unattributedRejects().equals(Map.of(RejectReason.TOO_SHORT_FOR_HEADER, 1L)));
        assertEquals(VrrpState.MASTER, state(low));
    }

    @Test
    void aVipDeletionLostInANotificationOverflowIsFoundAndRepaired() throws Exception {
        low.start();
        Awaitility.await().atMost(WAIT).until(() -> state(low) == VrrpState.MASTER);
        lowIo.deleteUnreported(v4("10.0.0.200")); // not one of its VIPs: a check finds them all there
        assertEquals(VrrpState.MASTER, state(low)); // the snapshot runs on the loop, after the check
        assertFalse(lowEvents.snapshot().stream().anyMatch(e -> e.contains("ADDRESS_DELETED")));

        lowIo.deleteUnreported(VIP);
        Awaitility.await().atMost(WAIT).until(() -> lowEvents.snapshot().contains("VI_1 MASTER->BACKUP ADDRESS_DELETED"));
        Awaitility.await().atMost(WAIT).until(() -> state(low) == VrrpState.MASTER && lowIo.held.contains(VIP));
    }

    @Test
    void aLoweredTotalPriorityHandsMastershipOver() throws Exception {
        high.start();
        low.start();
        Awaitility.await().atMost(WAIT).until(() -> state(high) == VrrpState.MASTER && state(low) == VrrpState.BACKUP);
        high.setTotalPriority("VI_1", 50);
        Awaitility.await().atMost(WAIT).until(() -> state(high) == VrrpState.BACKUP && state(low) == VrrpState.MASTER);
        assertEquals(50, high.snapshot().getFirst().effectivePriority());
        assertThrows(IllegalArgumentException.class, () -> high.setTotalPriority("VI_9", 10));
    }

    @Test
    void stopCanLeaveTheVipsInPlace() throws Exception {
        low.start();
        Awaitility.await().atMost(WAIT).until(() -> state(low) == VrrpState.MASTER);
        low.stop(VipsOnStop.KEEP);
        assertEquals(1, lowIo.actions("add").size());
        assertTrue(lowIo.actions("remove").isEmpty(), "VIPs kept");
        assertEquals(0, lowIo.actions("advert").getLast().priority(), "but the resignation was sent");
        assertEquals(VrrpState.STOPPED, state(low));
    }

    @Test
    void lifecycleIsChecked() throws Exception {
        assertThrows(IllegalStateException.class, low::snapshot);
        low.start();
        assertThrows(IllegalStateException.class, low::start);
        low.stop();
        low.stop();
        assertTrue(lowIo.closed);
        assertThrows(IllegalArgumentException.class, () -> new VrrpRuntime(
                List.of(settings("X", 100), settings("X", 90)), new FakeVrrpIo(v4("10.0.0.3"), null),
                VrrpEventListener.NONE));
    }
}
