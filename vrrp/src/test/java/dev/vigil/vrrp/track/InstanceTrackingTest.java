package dev.vigil.vrrp.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.vrrp.fsm.Input;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The per-instance aggregator: observations in, state-machine inputs out. */
class InstanceTrackingTest {

    private static InstanceTracking tracking(int priority, boolean dontTrackPrimary, TrackerSpec... trackers) {
        return new InstanceTracking(new TrackingSettings(priority, "eth0", dontTrackPrimary, List.of(trackers)),
                Map.of());
    }

    @Test
    void totalIsBasePlusWeightsAndOnlyChangesAreReported() {
        InstanceTracking t = tracking(100, false, new TrackerSpec.Interface("eth1", Weight.of(-20)),
                new TrackerSpec.File("/p", Weight.of(2)));
        assertEquals(List.of(), t.initialInputs());
        assertEquals(List.of(new Input.PriorityChanged(80)), t.interfaceChanged("eth1", false));
        assertEquals(List.of(), t.interfaceChanged("eth1", false));
        assertEquals(List.of(new Input.PriorityChanged(90)), t.fileChanged("/p", 5));
        assertEquals(90, t.totalPriority());
    }

    @Test
    void effectivePriorityIsClampedButTheTotalIsNot() {
        InstanceTracking t = tracking(250, false, new TrackerSpec.File("/p", Weight.of(1)));
        t.fileChanged("/p", 100);
        assertEquals(350, t.totalPriority());
        assertEquals(254, t.effectivePriority());
        t.fileChanged("/p", -253);
        assertEquals(1, t.effectivePriority());
    }

    @Test
    void anOwnerNeverChangesPriority() {
        InstanceTracking t = tracking(255, false, new TrackerSpec.File("/p", Weight.of(1)));
        assertEquals(List.of(), t.fileChanged("/p", -50));
        assertEquals(255, t.effectivePriority());
    }

    @Test
    void withDontTrackPrimaryTheOwnInterfaceFaultsOnlyAsATrackedOne() {
        InstanceTracking untracked = tracking(100, true);
        assertEquals(List.of(), untracked.interfaceChanged("eth0", false));
        assertTrue(untracked.linkUp());
        InstanceTracking routed = tracking(100, true, new TrackerSpec.Interface("eth0", Weight.FAULT_ONLY));
        assertEquals(List.of(new Input.FaultChanged(true, "interface eth0 down")),
                routed.interfaceChanged("eth0", false), "a virtual route on eth0 tracks it (keepalived)");
        assertEquals(List.of(new Input.FaultChanged(false, "")), routed.interfaceChanged("eth0", true));
    }

    @Test
    void faultIsReportedWhenTheFirstTrackerFaultsAndClearedWithTheLast() {
        InstanceTracking t = tracking(100, false, new TrackerSpec.Interface("eth1", Weight.FAULT_ONLY),
                new TrackerSpec.Interface("eth2", Weight.FAULT_ONLY));
        assertEquals(List.of(new Input.FaultChanged(true, "interface eth1 down")), t.interfaceChanged("eth1", false));
        assertEquals(List.of(), t.interfaceChanged("eth2", false));
        assertEquals(Map.of("interface eth1", "interface eth1 down", "interface eth2", "interface eth2 down"),
                t.faults());
        assertEquals(List.of(), t.interfaceChanged("eth1", true));
        assertEquals(List.of(new Input.FaultChanged(false, "")), t.interfaceChanged("eth2", true));
    }

    @Test
    void pendingWeightZeroScriptFaultsFromTheStart() {
        InstanceTracking t = tracking(100, false, new TrackerSpec.Script("chk", Weight.FAULT_ONLY));
        assertEquals(List.of(new Input.FaultChanged(true, "script chk has no result yet")), t.initialInputs());
        assertEquals(List.of(new Input.FaultChanged(false, "")), t.scriptChanged("chk", ScriptStatus.OK));
    }

    @Test
    void primaryInterfaceGivesLinkChangesUnlessDontTrackPrimary() {
        InstanceTracking tracked = tracking(100, false);
        assertEquals(List.of(new Input.LinkChanged(false)), tracked.interfaceChanged("eth0", false));
        assertEquals(List.of(new Input.LinkChanged(false)), tracked.initialInputs());
        InstanceTracking ignored = tracking(100, true);
        assertEquals(List.of(), ignored.interfaceChanged("eth0", false));
        assertEquals(true, ignored.linkUp());
    }

    @Test
    void theVmacIsAnOwnInterfaceTooTheLinkIsUpOnlyWhileBothAre() {
        InstanceTracking t = new InstanceTracking(new TrackingSettings(100, "eth0", Optional.of("vrrp.51"), false,
                List.of()), Map.of());
        assertEquals(List.of(new Input.LinkChanged(false)), t.interfaceChanged("vrrp.51", false));
        assertEquals(List.of(), t.interfaceChanged("eth0", false));
        assertEquals(List.of(), t.interfaceChanged("vrrp.51", true));
        assertFalse(t.linkUp());
        assertEquals(List.of(new Input.LinkChanged(true)), t.interfaceChanged("eth0", true));
        assertTrue(t.linkUp());
        InstanceTracking ignored = new InstanceTracking(new TrackingSettings(100, "eth0", Optional.of("vrrp.51"),
                true, List.of()), Map.of());
        assertEquals(List.of(), ignored.interfaceChanged("vrrp.51", false));
        assertTrue(ignored.linkUp());
    }

    @Test
    void untrackedNamesAreIgnoredAndDuplicatesRefused() {
        InstanceTracking t = tracking(100, false);
        assertEquals(List.of(), t.interfaceChanged("eth9", false));
        assertEquals(List.of(), t.scriptChanged("nope", ScriptStatus.FAILED));
        assertEquals(List.of(), t.fileChanged("/nope", 3));
        assertThrows(IllegalArgumentException.class, () -> tracking(100, false,
                new TrackerSpec.Script("a", Weight.of(1)), new TrackerSpec.Script("a", Weight.of(2))));
    }
}
