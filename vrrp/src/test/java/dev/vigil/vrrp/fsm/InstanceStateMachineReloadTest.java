package dev.vigil.vrrp.fsm;

import static dev.vigil.vrrp.fsm.Settings.HIGHER_PEER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigil.vrrp.codec.VrrpVersion;
import dev.vigil.vrrp.fsm.Effect.ArmTimer;
import dev.vigil.vrrp.fsm.Effect.GratuitousReason;
import dev.vigil.vrrp.fsm.Effect.RemoveVips;
import dev.vigil.vrrp.fsm.Effect.SendAdvert;
import dev.vigil.vrrp.fsm.Effect.SendGratuitous;
import dev.vigil.vrrp.fsm.Effect.StateChanged;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link InstanceStateMachine#reconfigure}: a reload keeps the state and the timers and
 * applies the new values in place, without a state change. v2, priority 100, 1 s unless the
 * test says otherwise: Master_Down_Interval = 3 s + 156/256 s.
 */
class InstanceStateMachineReloadTest {

    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000 * MS;
    private static final long DOWN_100 = 3_609_375_000L;

    private static FsmDriver backup(Settings s) {
        FsmDriver d = s.driver();
        d.input(new Input.Startup(true));
        d.drain();
        return d;
    }

    private static FsmDriver master(Settings s) {
        FsmDriver d = backup(s);
        d.advance(DOWN_100);
        assertEquals(VrrpState.MASTER, d.fsm().state());
        d.drain();
        return d;
    }

    @Test
    void sameSettingsChangeNothing() {
        Settings s = new Settings();
        FsmDriver d = master(s);
        d.advance(300 * MS);
        assertEquals(List.of(), d.reconfigure(s.build(), false));
        d.advance(700 * MS);
        assertEquals(List.of(new SendAdvert(100)), d.drainActions(), "the advert schedule is untouched");
    }

    @Test
    void vipsAddedToAMasterAreAnnouncedNowAndAgainAfterTheGarpDelay() {
        Settings s = new Settings();
        FsmDriver d = master(s);
        List<Effect> effects = d.reconfigure(s.build(), true);
        assertEquals(List.of(new SendGratuitous(GratuitousReason.ADDRESSES_ADDED, 5),
                new ArmTimer(TimerKind.GARP_DELAY, d.now() + 5 * SECOND)), effects);
        d.advance(5 * SECOND);
        List<Effect> later = d.drainActions();
        assertEquals(VrrpState.MASTER, d.fsm().state());
        assertEquals(1, later.stream().filter(e -> e.equals(new SendGratuitous(GratuitousReason.MASTER_DELAY, 5)))
                .count(), later.toString());
        assertEquals(0, later.stream().filter(e -> e instanceof StateChanged).count());
    }

    @Test
    void vipsAddedToABackupAreNotAnnounced() {
        Settings s = new Settings();
        FsmDriver d = backup(s);
        assertEquals(List.of(), d.reconfigure(s.build(), true));
    }

    /** keepalived vrrp_set_effective_priority: the down timer moves with the skew (156/256 s → 56/256 s). */
    @Test
    void aHigherPriorityMovesABackupsDownTimerByTheSkew() {
        Settings s = new Settings();
        FsmDriver d = backup(s);
        s.priority = 200;
        List<Effect> effects = d.reconfigure(s.build(), false);
        long earlier = DOWN_100 - 100 * SECOND / 256;
        assertEquals(List.of(new ArmTimer(TimerKind.MASTER_DOWN, d.now() + earlier)), effects);
        assertEquals(200, d.fsm().effectivePriority());
        d.advance(earlier - 1);
        assertEquals(VrrpState.BACKUP, d.fsm().state());
        d.advance(1);
        assertEquals(VrrpState.MASTER, d.fsm().state());
    }

    @Test
    void aLongerAdvertIntervalMovesTheDownTimerByTheNewMasterDownInterval() {
        Settings s = new Settings();
        FsmDriver d = backup(s);
        d.advance(SECOND);
        s.intervalCentis = 200;
        List<Effect> effects = d.reconfigure(s.build(), false);
        assertEquals(List.of(new ArmTimer(TimerKind.MASTER_DOWN, d.now() - SECOND + DOWN_100 + 3 * SECOND)), effects,
                "3 × 1 s more (the v2 skew does not depend on the interval)");
    }

    @Test
    void aMasterWithAShorterIntervalAdvertisesAtTheNewPaceWithoutAStateChange() {
        Settings s = new Settings();
        s.version = VrrpVersion.V3;
        FsmDriver d = s.driver();
        d.input(new Input.Startup(true));
        d.advance(d.fsm().masterDownIntervalNanos());
        d.drain();
        s.intervalCentis = 50;
        d.reconfigure(s.build(), false);
        d.advance(500 * MS);
        assertEquals(List.of(new SendAdvert(100)), d.drainActions());
        d.advance(500 * MS);
        assertEquals(List.of(new SendAdvert(100)), d.drainActions());
        assertEquals(50, d.fsm().masterAdverIntervalCentis());
    }

    @Test
    void aV3BackupKeepsTheIntervalItAdoptedFromTheMaster() {
        Settings s = new Settings();
        s.version = VrrpVersion.V3;
        FsmDriver d = backup(s);
        d.advert(200, HIGHER_PEER, 200);
        assertEquals(200, d.fsm().masterAdverIntervalCentis());
        s.intervalCentis = 50;
        d.reconfigure(s.build(), false);
        assertEquals(200, d.fsm().masterAdverIntervalCentis());
    }

    @Test
    void aLowerPriorityOnAMasterIsOnlyAdvertisedAndAHigherPeerThenWinsAsUsual() {
        Settings s = new Settings();
        s.priority = 200;
        FsmDriver d = s.driver();
        d.input(new Input.Startup(true));
        d.advance(d.fsm().masterDownIntervalNanos());
        assertEquals(VrrpState.MASTER, d.fsm().state());
        d.drain();
        s.priority = 50;
        d.reconfigure(s.build(), false);
        assertEquals(VrrpState.MASTER, d.fsm().state());
        assertEquals(50, d.fsm().effectivePriority());
        d.advance(SECOND);
        assertEquals(List.of(new SendAdvert(50)), d.drainActions());
        d.advert(100, HIGHER_PEER);
        assertEquals(VrrpState.BACKUP, d.fsm().state());
    }

    @Test
    void becomingTheAddressOwnerTakesPriority255AtOnce() {
        Settings s = new Settings();
        FsmDriver d = backup(s);
        s.priority = 255;
        d.reconfigure(s.build(), false);
        assertEquals(255, d.fsm().effectivePriority());
        s.priority = 120;
        d.reconfigure(s.build(), false);
        assertEquals(120, d.fsm().effectivePriority());
    }

    @Test
    void theVridCannotChange() {
        Settings s = new Settings();
        FsmDriver d = backup(s);
        InstanceSettings other = InstanceSettings.defaults(52, VrrpVersion.V2, 100, 100, Settings.ME);
        assertThrows(IllegalArgumentException.class, () -> d.reconfigure(other, false));
    }

    /** keepalived clear_diff_vrrp + vrrp_restore_interface(advF): a deleted master resigns. */
    @Test
    void aDeletedMasterResignsAndReportsDeleted() {
        FsmDriver d = master(new Settings());
        d.input(new Input.Shutdown(TransitionReason.DELETED));
        assertEquals(List.of(new SendAdvert(0), new RemoveVips(),
                new StateChanged(VrrpState.MASTER, VrrpState.STOPPED, TransitionReason.DELETED)), d.drainActions());
    }
}
