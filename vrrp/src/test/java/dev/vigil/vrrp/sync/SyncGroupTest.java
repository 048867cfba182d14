package dev.vigil.vrrp.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.vrrp.codec.VrrpVersion;
import dev.vigil.vrrp.fsm.Effect;
import dev.vigil.vrrp.fsm.Input;
import dev.vigil.vrrp.fsm.InstanceSettings;
import dev.vigil.vrrp.fsm.InstanceStateMachine;
import dev.vigil.vrrp.fsm.TransitionReason;
import dev.vigil.vrrp.fsm.VrrpState;
import java.net.Inet4Address;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** API contract of {@link SyncGroup}; the group rules themselves are in the sync-group scenarios. */
class SyncGroupTest {

    private static InstanceStateMachine member(int vrid) {
        return new InstanceStateMachine(InstanceSettings.defaults(vrid, VrrpVersion.V2, 100, 100,
                Inet4Address.ofLiteral("10.0.0.5")));
    }

    private static SyncGroup group() {
        Map<String, InstanceStateMachine> members = new LinkedHashMap<>();
        members.put("VI_1", member(1));
        members.put("VI_2", member(2));
        return new SyncGroup("G", members);
    }

    @Test
    void effectsAreTaggedWithTheirMemberAndGroupChangesReported() {
        SyncGroup g = group();
        List<GroupEffect> effects = g.handle("VI_2", new Input.Startup(false), 0);
        assertEquals(new GroupEffect.Member("VI_2",
                new Effect.StateChanged(VrrpState.INIT, VrrpState.FAULT, TransitionReason.STARTUP)), effects.getFirst());
        assertEquals(new GroupEffect.GroupStateChanged("G", VrrpState.INIT, VrrpState.FAULT), effects.getLast());
        assertEquals(VrrpState.FAULT, g.state());
        assertEquals(List.of("VI_1", "VI_2"), g.memberIds());
    }

    @Test
    void aMemberHeldByTheGroupStaysInFaultEvenWithItsOwnFlagsClear() {
        SyncGroup g = group();
        g.handle("VI_1", new Input.Startup(true), 0);
        g.handle("VI_2", new Input.Startup(true), 0);
        g.handle("VI_2", new Input.FaultChanged(true, "script"), 1);
        assertEquals(VrrpState.FAULT, g.member("VI_1").state());
        assertTrue(!g.member("VI_1").ownFault() && g.member("VI_2").ownFault());
        g.handle("VI_1", new Input.LinkChanged(true), 2);
        assertEquals(VrrpState.FAULT, g.member("VI_1").state(), "VI_2 still faults");
    }

    /** Two instances that ran on their own, one MASTER and one BACKUP, grouped by a reload. */
    private static Map<String, InstanceStateMachine> masterAndBackup() {
        InstanceStateMachine master = member(1);
        master.handle(new Input.Startup(true), 0);
        master.handle(Input.timerFired(dev.vigil.vrrp.fsm.TimerKind.MASTER_DOWN), master.masterDownIntervalNanos());
        InstanceStateMachine backup = member(2);
        backup.handle(new Input.Startup(true), 0);
        assertEquals(VrrpState.MASTER, master.state());
        Map<String, InstanceStateMachine> members = new LinkedHashMap<>();
        members.put("VI_1", backup);
        members.put("VI_2", master);
        return members;
    }

    @Test
    void settlingAGroupBuiltOverAMasterAndABackupMakesTheBackupFollow() {
        SyncGroup g = new SyncGroup("G", masterAndBackup());
        List<GroupEffect> effects = g.settle(10);
        assertEquals(VrrpState.MASTER, g.member("VI_1").state());
        assertEquals(VrrpState.MASTER, g.state());
        assertTrue(effects.contains(new GroupEffect.Member("VI_1",
                new Effect.StateChanged(VrrpState.BACKUP, VrrpState.MASTER, TransitionReason.SYNC_GROUP))), effects.toString());
        assertEquals(new GroupEffect.GroupStateChanged("G", VrrpState.INIT, VrrpState.MASTER), effects.getLast());
    }

    @Test
    void settlingAGroupWithAFaultedMemberHoldsEveryMemberInFault() {
        Map<String, InstanceStateMachine> members = masterAndBackup();
        members.get("VI_1").handle(new Input.FaultChanged(true, "script"), 5);
        SyncGroup g = new SyncGroup("G", members);
        g.settle(10);
        assertEquals(VrrpState.FAULT, g.member("VI_2").state());
        assertEquals(VrrpState.FAULT, g.state());
    }

    @Test
    void settlingBackupsOnlyReportsTheGroupAsBackupAndMembersInInitAreLeftToTheirStartup() {
        InstanceStateMachine backup = member(1);
        backup.handle(new Input.Startup(true), 0);
        Map<String, InstanceStateMachine> members = new LinkedHashMap<>();
        members.put("VI_1", backup);
        members.put("VI_2", member(2));
        SyncGroup g = new SyncGroup("G", members);
        assertEquals(List.of(new GroupEffect.GroupStateChanged("G", VrrpState.INIT, VrrpState.BACKUP)), g.settle(10));
        assertEquals(VrrpState.INIT, g.member("VI_2").state());
        assertEquals(List.of(), new SyncGroup("H", Map.of("VI_3", member(3))).settle(10), "nothing runs yet");
    }

    @Test
    void unknownMembersAndEmptyGroupsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> group().handle("VI_9", new Input.Shutdown(), 0));
        assertThrows(IllegalArgumentException.class, () -> new SyncGroup("G", Map.of()));
    }
}
