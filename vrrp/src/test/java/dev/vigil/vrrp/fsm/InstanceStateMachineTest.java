package dev.vigil.vrrp.fsm;

import static dev.vigil.vrrp.fsm.Settings.HIGHER_PEER;
import static dev.vigil.vrrp.fsm.Settings.LOWER_PEER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.vrrp.codec.AddressFamily;
import dev.vigil.vrrp.codec.Advertisement;
import dev.vigil.vrrp.codec.AuthData;
import dev.vigil.vrrp.codec.AuthType;
import dev.vigil.vrrp.codec.CheckVerdict;
import dev.vigil.vrrp.codec.VrrpVersion;
import dev.vigil.vrrp.fsm.Effect.AddVips;
import dev.vigil.vrrp.fsm.Effect.ArmTimer;
import dev.vigil.vrrp.fsm.Effect.CancelTimer;
import dev.vigil.vrrp.fsm.Effect.GratuitousReason;
import dev.vigil.vrrp.fsm.Effect.MasterReceivedLowerPriority;
import dev.vigil.vrrp.fsm.Effect.RemoveVips;
import dev.vigil.vrrp.fsm.Effect.SendAdvert;
import dev.vigil.vrrp.fsm.Effect.SendGratuitous;
import dev.vigil.vrrp.fsm.Effect.StateChanged;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Scenarios: inputs at fake times in, expected effects out. Each test names its rule.
 * Times are relative to the start; priority 100, v2, 1 s unless the test says otherwise, so
 * Master_Down_Interval = 3 s + 156/256 s = 3.609375 s.
 */
class InstanceStateMachineTest {

    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000 * MS;
    private static final long DOWN_100 = 3_609_375_000L;

    private static FsmDriver startedBackup(Settings s) {
        FsmDriver d = s.driver();
        d.input(new Input.Startup(true));
        d.drain();
        return d;
    }

    private static FsmDriver startedMaster(Settings s) {
        FsmDriver d = startedBackup(s);
        d.advance(d.fsm().masterDownIntervalNanos());
        assertEquals(VrrpState.MASTER, d.fsm().state());
        d.drain();
        return d;
    }

    private static List<Effect> becomeMasterActions(int priority, TransitionReason reason, VrrpState from) {
        return List.of(new StateChanged(from, VrrpState.MASTER, reason), new SendAdvert(priority), new AddVips(),
                new SendGratuitous(GratuitousReason.BECAME_MASTER, 5));
    }

    @Test
    void startupEntersBackupAndArmsMasterDownInterval() {
        // RFC 5798 §6.4.1: non-owner → Backup, Master_Down_Timer := Master_Down_Interval.
        FsmDriver d = new Settings().driver();
        long t0 = d.now();
        assertEquals(List.of(new StateChanged(VrrpState.INIT, VrrpState.BACKUP, TransitionReason.STARTUP),
                new ArmTimer(TimerKind.MASTER_DOWN, t0 + DOWN_100)), d.input(new Input.Startup(true)));
    }

    @Test
    void silentNetworkMakesTheBackupMasterAfterMasterDownInterval() {
        // RFC 5798 §6.4.2: Master_Down_Timer fires → send advert, ARPs, Adver_Timer, Master.
        FsmDriver d = startedBackup(new Settings());
        d.advance(DOWN_100 - 1);
        assertEquals(List.of(), d.drain(), "nothing one nanosecond early");
        d.advance(1);
        List<FsmDriver.Timed> effects = d.drain();
        assertEquals(DOWN_100, effects.get(0).atNanos());
        assertEquals(List.of(new StateChanged(VrrpState.BACKUP, VrrpState.MASTER, TransitionReason.MASTER_DOWN_TIMER),
                new SendAdvert(100), new AddVips(), new SendGratuitous(GratuitousReason.BECAME_MASTER, 5),
                new ArmTimer(TimerKind.ADVERT, d.now() + SECOND), new ArmTimer(TimerKind.GARP_DELAY, d.now() + 5 * SECOND)),
                effects.stream().map(FsmDriver.Timed::effect).toList());
    }

    @Test
    void masterAdvertisesEveryIntervalAndRepeatsGarpOnce() {
        // RFC 5798 §6.4.3: Adver_Timer fires → send advert, reset timer; keepalived garp_master_delay 5 s.
        FsmDriver d = startedMaster(new Settings());
        d.advance(5 * SECOND);
        List<Effect> actions = d.drainActions();
        assertEquals(5, actions.stream().filter(SendAdvert.class::isInstance).count());
        assertEquals(List.of(new SendGratuitous(GratuitousReason.MASTER_DELAY, 5)),
                actions.stream().filter(SendGratuitous.class::isInstance).toList());
        assertTrue(actions.stream().allMatch(e -> e.equals(new SendAdvert(100)) || e instanceof SendGratuitous));
    }

    @Test
    void ownerWithStateMasterTakesOverAtStartup() {
        // RFC 5798 §6.4.1: priority 255 → advert, ARPs, Master at once (keepalived: 1 µs down timer).
        Settings s = new Settings();
        s.priority = 255;
        s.startAsMaster = true;
        FsmDriver d = s.driver();
        d.input(new Input.Startup(true));
        assertEquals(becomeMasterActions(255, TransitionReason.STARTUP, VrrpState.INIT), d.drainActions());
    }

    @Test
    void nonOwnerWithStateMasterStillWaitsAsBackup() {
        // keepalived vrrp_init_state: only an owner skips the wait.
        Settings s = new Settings();
        s.startAsMaster = true;
        FsmDriver d = startedBackup(s);
        assertEquals(VrrpState.BACKUP, d.fsm().state());
    }

    @Test
    void backupAcceptingAdvertsNeverTakesOverAndTakesOverOnceTheyStop() {
        // RFC 5798 §6.4.2: an advert with priority ≥ ours resets Master_Down_Timer.
        FsmDriver d = startedBackup(new Settings());
        for (int i = 0; i < 10; i++) {
            d.advance(SECOND);
            d.advert(150, HIGHER_PEER);
        }
        assertEquals(VrrpState.BACKUP, d.fsm().state());
        long lastAdvert = d.elapsed();
        d.drain();
        d.advance(DOWN_100);
        assertEquals(lastAdvert + DOWN_100, d.drain().getFirst().atNanos());
        assertEquals(VrrpState.MASTER, d.fsm().state());
    }

    @Test
    void equalPriorityAdvertIsAcceptedByABackupWhateverTheAddress() {
        // RFC 5798 §6.4.2: "greater than or equal to the local Priority".
        FsmDriver d = startedBackup(new Settings());
        d.advance(SECOND);
        assertEquals(List.of(new ArmTimer(TimerKind.MASTER_DOWN, d.now() + DOWN_100)), d.advert(100, LOWER_PEER));
    }

    @Test
    void lowerPriorityAdvertIsDiscardedSoTheBackupPreempts() {
        // RFC 5798 §6.4.2 with Preempt_Mode true; keepalived "received lower priority advert - discarding".
        FsmDriver d = startedBackup(new Settings());
        for (int i = 0; i < 3; i++) {
            d.advance(SECOND);
            assertEquals(List.of(), d.advert(50, LOWER_PEER), "timer left running");
        }
        d.advance(DOWN_100 - 3 * SECOND);
        assertEquals(VrrpState.MASTER, d.fsm().state(), "took over at the first deadline");
        assertEquals(DOWN_100, d.drain().getFirst().atNanos());
    }

    @Test
    void nopreemptAcceptsLowerPriorityAdverts() {
        // keepalived nopreempt (RFC Preempt_Mode false): lower adverts reset the timer too.
        Settings s = new Settings();
        s.nopreempt = true;
        FsmDriver d = startedBackup(s);
        for (int i = 0; i < 10; i++) {
            d.advance(SECOND);
            d.advert(50, LOWER_PEER);
        }
        assertEquals(VrrpState.BACKUP, d.fsm().state());
    }

    @Test
    void preemptDelayAcceptsLowerAdvertsUntilItRunsOut() {
        // keepalived preempt_delay: the first lower advert starts the delay; while it runs,
        // lower adverts are accepted; afterwards they are discarded and the timer expires.
        Settings s = new Settings();
        s.preemptDelayNanos = 10 * SECOND;
        FsmDriver d = startedBackup(s);
        d.advance(SECOND);
        d.advert(50, LOWER_PEER);
        long delayEnds = d.elapsed() + 10 * SECOND;
        long lastAccepted = 0;
        while (d.fsm().state() == VrrpState.BACKUP && d.elapsed() < 30 * SECOND) {
            d.advance(SECOND);
            if (d.fsm().state() == VrrpState.BACKUP && !d.advert(50, LOWER_PEER).isEmpty()) {
                lastAccepted = d.elapsed();
            }
        }
        assertEquals(delayEnds - SECOND, lastAccepted, "last accepted advert arrives before the delay ends");
        assertEquals(VrrpState.MASTER, d.fsm().state());
        List<FsmDriver.Timed> effects = d.drain();
        long tookOver = effects.stream().filter(t -> t.effect() instanceof StateChanged).findFirst().orElseThrow().atNanos();
        assertEquals(lastAccepted + DOWN_100, tookOver);
    }

    @Test
    void higherPriorityAdvertStopsAPendingPreemptDelay() {
        // keepalived: an advert with priority ≥ ours clears preempt_time.
        Settings s = new Settings();
        s.preemptDelayNanos = 3 * SECOND;
        FsmDriver d = startedBackup(s);
        d.advance(SECOND);
        d.advert(50, LOWER_PEER);
        d.advance(SECOND);
        d.advert(150, HIGHER_PEER);
        d.advance(5 * SECOND / 2);
        assertTrue(!d.advert(50, LOWER_PEER).isEmpty(), "delay restarted, so this lower advert is accepted");
    }

    @Test
    void priorityZeroMakesTheBackupTakeOverAfterSkewTime() {
        // RFC 5798 §6.4.2: priority 0 → Master_Down_Timer := Skew_Time.
        FsmDriver d = startedBackup(new Settings());
        d.advance(SECOND);
        assertEquals(List.of(new ArmTimer(TimerKind.MASTER_DOWN, d.now() + 609_375_000L)), d.advert(0, HIGHER_PEER));
        d.advance(609_375_000L);
        assertEquals(VrrpState.MASTER, d.fsm().state());
    }

    @Test
    void masterAnswersPriorityZeroAtOnce() {
        // RFC 5798 §6.4.3: priority 0 → send an advert, reset Adver_Timer.
        FsmDriver d = startedMaster(new Settings());
        d.advance(300 * MS);
        assertEquals(List.of(new SendAdvert(100), new ArmTimer(TimerKind.ADVERT, d.now() + SECOND)),
                d.advert(0, HIGHER_PEER));
    }

    @Test
    void masterYieldsToHigherPriority() {
        // RFC 5798 §6.4.3: higher priority → cancel Adver_Timer, Master_Down_Timer, Backup.
        FsmDriver d = startedMaster(new Settings());
        d.advance(SECOND / 2);
        assertEquals(List.of(new CancelTimer(TimerKind.ADVERT), new CancelTimer(TimerKind.GARP_DELAY), new RemoveVips(),
                new StateChanged(VrrpState.MASTER, VrrpState.BACKUP, TransitionReason.HIGHER_PRIORITY_ADVERT),
                new ArmTimer(TimerKind.MASTER_DOWN, d.now() + DOWN_100)), d.advert(200, HIGHER_PEER));
        assertEquals(HIGHER_PEER, d.fsm().masterAddress().orElseThrow());
    }

    @Test
    void higherPrioSendAdvertSendsOneAdvertBeforeYielding() {
        // keepalived higher_prio_send_advert.
        Settings s = new Settings();
        s.higherPrioSendAdvert = true;
        FsmDriver d = startedMaster(s);
        assertEquals(new SendAdvert(100), d.advert(200, HIGHER_PEER).getFirst());
        assertEquals(VrrpState.BACKUP, d.fsm().state());
    }

    @Test
    void masterForcesNewElectionOnLowerPriority() {
        // keepalived vrrp_state_master_rx: advert ("forcing new election"), lower-prio GARPs and
        // their garp_lower_prio_delay (default 5 s) second burst, notify.
        FsmDriver d = startedMaster(new Settings());
        d.advance(SECOND / 4);
        assertEquals(List.of(new SendAdvert(100), new ArmTimer(TimerKind.ADVERT, d.now() + SECOND),
                new SendGratuitous(GratuitousReason.LOWER_PRIORITY_ADVERT, 5),
                new ArmTimer(TimerKind.GARP_LOWER_PRIO_DELAY, d.now() + 5 * SECOND),
                new MasterReceivedLowerPriority(LOWER_PEER, 50)), d.advert(50, LOWER_PEER));
    }

    @Test
    void lowerPrioNoAdvertStaysSilentAndKeepsItsTimer() {
        // keepalived lower_prio_no_advert: no advert, Adver_Timer not reset.
        Settings s = new Settings();
        s.lowerPrioNoAdvert = true;
        s.lowerPrioRepeat(0);
        FsmDriver d = startedMaster(s);
        assertEquals(List.of(new MasterReceivedLowerPriority(LOWER_PEER, 50)), d.advert(50, LOWER_PEER));
    }

    @Test
    void equalPriorityIsDecidedByTheHigherAddress() {
        // RFC 5798 §6.4.3: equal priority and a greater primary address wins (keepalived vrrp_saddr_cmp).
        FsmDriver higherWins = startedMaster(new Settings());
        higherWins.advert(100, HIGHER_PEER);
        assertEquals(VrrpState.BACKUP, higherWins.fsm().state());
        FsmDriver weWin = startedMaster(new Settings());
        assertEquals(new SendAdvert(100), weWin.advert(100, LOWER_PEER).getFirst());
        assertEquals(VrrpState.MASTER, weWin.fsm().state());
        assertEquals(List.of(), weWin.advert(100, Settings.ME), "our own address: only keepalived's warning");
    }

    @Test
    void addressComparisonIsUnsigned() {
        // 200.x > 10.x only when bytes compare unsigned; other families compare equal (vrrp_saddr_cmp).
        assertTrue(InstanceStateMachine.compareAddresses(Inet4Address.ofLiteral("200.0.0.1"), Settings.ME) > 0);
        assertEquals(0, InstanceStateMachine.compareAddresses(Inet6Address.ofLiteral("fe80::1"), Settings.ME));
    }

    @Test
    void v3BackupAdoptsTheMastersInterval() {
        // RFC 5798 §6.4.2: Master_Adver_Interval := the advert's; the down interval follows,
        // with v3 skew scaled by that interval.
        Settings s = new Settings();
        s.version = VrrpVersion.V3;
        FsmDriver d = startedBackup(s);
        assertEquals(List.of(new ArmTimer(TimerKind.MASTER_DOWN, d.now() + 150 * MS + 30_468_750L)),
                d.advert(150, HIGHER_PEER, 5));
        assertEquals(5, d.fsm().masterAdverIntervalCentis());
        d.advance(150 * MS + 30_468_750L);
        assertEquals(VrrpState.MASTER, d.fsm().state());
        assertEquals(100, d.fsm().masterAdverIntervalCentis(), "a master advertises at its own interval");
        d.drain();
        d.advance(SECOND);
        assertEquals(1, d.drainActions().stream().filter(SendAdvert.class::isInstance).count());
    }

    @Test
    void downTimerAdvertsStretchesTheWait() {
        // keepalived down_timer_adverts (1..100) replaces the RFC's 3.
        Settings s = new Settings();
        s.downTimerAdverts = 5;
        FsmDriver d = s.driver();
        assertEquals(new ArmTimer(TimerKind.MASTER_DOWN, d.now() + 5_609_375_000L), d.input(new Input.Startup(true)).get(1));
    }

    @Test
    void rejectedAndDroppedAdvertsDoNotResetTheTimer() {
        // reference §2.4: KO / DROP packets leave the down timer alone (vrrp.c 2285-2290).
        FsmDriver d = startedBackup(new Settings());
        d.advance(SECOND);
        var advert = d.advertisement(200, 100);
        assertEquals(List.of(), d.input(new Input.AdvertReceived(advert, HIGHER_PEER,
                new CheckVerdict.Reject(CheckVerdict.CheckReason.AUTH_FAILURE, "x"))));
        assertEquals(List.of(), d.input(new Input.AdvertReceived(advert, HIGHER_PEER,
                new CheckVerdict.Drop(CheckVerdict.CheckReason.INTERVAL_MISMATCH, "x"))));
        d.advance(DOWN_100 - SECOND);
        assertEquals(VrrpState.MASTER, d.fsm().state());
    }

    @Test
    void advertForAnotherVridIsIgnored() {
        // keepalived dispatches by VRID before the instance sees a packet (vrrp_scheduler.c).
        FsmDriver d = startedBackup(new Settings());
        var other = Advertisement.v2(52, 200, AuthType.NONE, AuthData.ZERO, 1, AddressFamily.IPV4, List.of());
        assertEquals(List.of(), d.input(new Input.AdvertReceived(other, HIGHER_PEER, new CheckVerdict.Accept(Set.of()))));
    }

    @Test
    void shutdownOfAMasterResignsWithPriorityZero() {
        // RFC 5798 §6.4.3 Shutdown: cancel Adver_Timer, send priority 0, Initialize.
        FsmDriver d = startedMaster(new Settings());
        assertEquals(List.of(new SendAdvert(0), new CancelTimer(TimerKind.ADVERT), new CancelTimer(TimerKind.GARP_DELAY),
                new RemoveVips(), new StateChanged(VrrpState.MASTER, VrrpState.STOPPED, TransitionReason.SHUTDOWN)),
                d.input(new Input.Shutdown()));
        d.drain();
        d.advance(10 * SECOND);
        assertEquals(List.of(), d.drain(), "no timer fires after shutdown");
    }

    @Test
    void aDeletedAddressMakesTheMasterResignAndReturnAfterSkewTime() {
        assertResignsAndReturns(new Input.VirtualAddressDeleted("10.0.0.100"), TransitionReason.ADDRESS_DELETED);
    }

    @Test
    void aDeletedRouteOrRuleMakesTheMasterResignAsADeletedAddressDoes() {
        assertResignsAndReturns(new Input.RoutingDeleted("route 10.9.0.0/24 dev eth1"),
                TransitionReason.ROUTING_DELETED);
        FsmDriver backup = startedBackup(new Settings());
        assertEquals(List.of(), backup.input(new Input.RoutingDeleted("rule from 10.9.0.0/24 table 100")));
    }

    /** keepalived set_vrrp_backup: leave master with priority 0, ms_down_timer := Skew_Time. */
    private static void assertResignsAndReturns(Input deleted, TransitionReason reason) {
        FsmDriver d = startedMaster(new Settings());
        long skew = 156 * SECOND / 256;
        assertEquals(List.of(new SendAdvert(0), new CancelTimer(TimerKind.ADVERT), new CancelTimer(TimerKind.GARP_DELAY),
                new RemoveVips(), new StateChanged(VrrpState.MASTER, VrrpState.BACKUP, reason),
                new ArmTimer(TimerKind.MASTER_DOWN, d.now() + skew)), d.input(deleted));
        d.drain();
        d.advance(skew);
        List<Effect> back = d.drainActions();
        assertEquals(becomeMasterActions(100, TransitionReason.MASTER_DOWN_TIMER, VrrpState.BACKUP),
                back.subList(0, 4), "the entries come back once Skew_Time passed in silence");
    }

    @Test
    void aDeletedAddressChangesNothingOutsideMaster() {
        FsmDriver d = startedBackup(new Settings());
        assertEquals(List.of(), d.input(new Input.VirtualAddressDeleted("10.0.0.100")));
        assertEquals(VrrpState.BACKUP, d.fsm().state());
    }

    @Test
    void shutdownOfABackupCancelsItsTimer() {
        // RFC 5798 §6.4.2 Shutdown: cancel Master_Down_Timer, Initialize.
        FsmDriver d = startedBackup(new Settings());
        assertEquals(List.of(new CancelTimer(TimerKind.MASTER_DOWN),
                new StateChanged(VrrpState.BACKUP, VrrpState.STOPPED, TransitionReason.SHUTDOWN)),
                d.input(new Input.Shutdown()));
        d.advance(10 * SECOND);
        assertEquals(VrrpState.STOPPED, d.fsm().state());
    }

    @Test
    void linkDownTurnsAMasterIntoFaultAfterResigning() {
        // keepalived vrrp_state_leave_master with wantstate FAULT: priority 0 advert, VIPs removed.
        FsmDriver d = startedMaster(new Settings());
        assertEquals(List.of(new SendAdvert(0), new CancelTimer(TimerKind.ADVERT), new CancelTimer(TimerKind.GARP_DELAY),
                new RemoveVips(), new StateChanged(VrrpState.MASTER, VrrpState.FAULT, TransitionReason.LINK_DOWN)),
                d.input(new Input.LinkChanged(false)));
        assertEquals(List.of(), d.advert(50, LOWER_PEER), "FAULT ignores adverts");
    }

    @Test
    void linkUpReturnsToBackupWithAFreshDownTimer() {
        // keepalived try_up_instance: BACKUP, own interval, full Master_Down_Interval.
        FsmDriver d = startedBackup(new Settings());
        d.input(new Input.LinkChanged(false));
        assertEquals(VrrpState.FAULT, d.fsm().state());
        d.advance(10 * SECOND);
        assertEquals(VrrpState.FAULT, d.fsm().state(), "no timer runs in FAULT");
        assertEquals(List.of(new StateChanged(VrrpState.FAULT, VrrpState.BACKUP, TransitionReason.LINK_UP),
                new ArmTimer(TimerKind.MASTER_DOWN, d.now() + DOWN_100)), d.input(new Input.LinkChanged(true)));
    }

    @Test
    void ownerComingBackFromFaultWaitsOneIntervalPlusSkew() {
        // keepalived try_up_instance: owner with state MASTER → adver_int + skew.
        Settings s = new Settings();
        s.priority = 255;
        s.startAsMaster = true;
        FsmDriver d = s.driver();
        d.input(new Input.Startup(false));
        assertEquals(VrrpState.FAULT, d.fsm().state());
        assertEquals(new ArmTimer(TimerKind.MASTER_DOWN, d.now() + SECOND + 3_906_250L),
                d.input(new Input.LinkChanged(true)).get(1));
    }

    @Test
    void priorityChangeInBackupMovesTheDeadlineByTheSkewDifference() {
        // keepalived vrrp_set_effective_priority: sands ± (new down timer - old down timer).
        FsmDriver d = startedBackup(new Settings());
        long deadline = d.now() + DOWN_100;
        // Priority 100 → 200: skew from 156/256 s to 56/256 s, 390.625 ms sooner.
        assertEquals(List.of(new ArmTimer(TimerKind.MASTER_DOWN, deadline - 390_625_000L)),
                d.input(new Input.PriorityChanged(200)));
        assertEquals(200, d.fsm().effectivePriority());
    }

    @Test
    void priorityIsClampedAndAnOwnerIgnoresTrackers() {
        // keepalived: effective priority stays within 1..254; base 255 never changes.
        FsmDriver d = startedBackup(new Settings());
        d.input(new Input.PriorityChanged(300));
        assertEquals(254, d.fsm().effectivePriority());
        d.input(new Input.PriorityChanged(-50));
        assertEquals(1, d.fsm().effectivePriority());
        Settings owner = new Settings();
        owner.priority = 255;
        FsmDriver o = startedBackup(owner);
        assertEquals(List.of(), o.input(new Input.PriorityChanged(100)));
        assertEquals(255, o.fsm().effectivePriority());
    }

    @Test
    void masterAdvertisesItsNewPriority() {
        // A tracker change reaches the wire with the next advert.
        FsmDriver d = startedMaster(new Settings());
        d.input(new Input.PriorityChanged(80));
        d.advance(SECOND);
        assertEquals(List.of(new SendAdvert(80)), d.drainActions());
    }

    @Test
    void lateOrStaleTimerInputsAreIgnored() {
        // A timer expiry that raced a re-arm (deadline not reached) must not cause a transition.
        FsmDriver d = startedBackup(new Settings());
        assertEquals(List.of(), d.input(new Input.MasterDownTimerFired()));
        assertEquals(List.of(), d.input(new Input.AdvertTimerFired()));
        assertEquals(VrrpState.BACKUP, d.fsm().state());
    }

    @Test
    void startupIsIgnoredOnceRunningButAllowedAfterShutdown() {
        // RFC 5798 §6.4: Shutdown returns to Initialize, from where Startup applies again.
        FsmDriver d = startedBackup(new Settings());
        assertEquals(List.of(), d.input(new Input.Startup(true)));
        d.input(new Input.Shutdown());
        assertEquals(new StateChanged(VrrpState.STOPPED, VrrpState.BACKUP, TransitionReason.STARTUP),
                d.input(new Input.Startup(true)).getFirst());
    }

    @Test
    void vipCheckIsSkippedOnlyForTheSameMasterWhileBackup() {
        // keepalived skip_check_adv_addr: check on master change, always check as master.
        FsmDriver d = startedBackup(new Settings());
        assertTrue(d.fsm().wantsVipCheck(HIGHER_PEER, true), "no master known yet");
        d.advert(150, HIGHER_PEER);
        assertEquals(false, d.fsm().wantsVipCheck(HIGHER_PEER, true));
        assertTrue(d.fsm().wantsVipCheck(LOWER_PEER, true), "master changed");
        assertTrue(d.fsm().wantsVipCheck(HIGHER_PEER, false), "option off");
    }
}
