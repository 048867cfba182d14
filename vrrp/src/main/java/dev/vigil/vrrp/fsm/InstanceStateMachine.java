package dev.vigil.vrrp.fsm;

import dev.vigil.vrrp.codec.Advertisement;
import dev.vigil.vrrp.codec.VrrpVersion;
import dev.vigil.vrrp.fsm.Effect.AddVips;
import dev.vigil.vrrp.fsm.Effect.GratuitousReason;
import dev.vigil.vrrp.fsm.Effect.MasterReceivedLowerPriority;
import dev.vigil.vrrp.fsm.Effect.RemoveVips;
import dev.vigil.vrrp.fsm.Effect.SendAdvert;
import dev.vigil.vrrp.fsm.Effect.StateChanged;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The per-instance VRRP state machine of RFC 3768 §6.4 / RFC 5798 §6.4 with keepalived's
 * behaviour where they leave room (reference §1.1 and §2.4 "State handling after an OK
 * packet"). {@link #handle(Input, long)} takes one input and the current monotonic time and
 * returns the effects, timers included; it does no I/O and reads no clock.
 *
 * <p>Timers: every {@link Effect.ArmTimer} replaces the pending timer of its kind. A timer
 * input that arrives early (before the deadline last armed) or in the wrong state is
 * ignored, so a runtime that races a cancel with an expiry cannot cause a transition.
 *
 * <p>FAULT: the instance is in FAULT while its link is down ({@link Input.LinkChanged}), its
 * trackers say so ({@link Input.FaultChanged}) or its sync group holds it there
 * ({@link GroupOrder#GO_FAULT}); it leaves FAULT when all three are clear.
 *
 * <p>Sync groups: {@link #handle(Input, long, MasterGate)} asks the gate before becoming master
 * on its own, and {@link #follow(GroupOrder, long)} applies the group's orders.
 *
 * <p>Not thread-safe: one event loop owns each instance.
 */
public final class InstanceStateMachine {

    private static final long NO_DEADLINE = Long.MIN_VALUE;
    private static final int OWNER_PRIORITY = 255;
    /** keepalived's back-off priority when another owner will not yield (vrrp.c VRRP_PRIO_OWNER - 1). */
    private static final int OWNER_BACKED_OFF = OWNER_PRIORITY - 1;

    /** Replaced by {@link #reconfigure}. */
    private InstanceSettings settings;
    private final Deadlines timers = new Deadlines();
    private GarpSchedule garps;
    private final RogueOwnerWatch rogue;
    private VrrpState state = VrrpState.INIT;
    private int effectivePriority;
    private int masterAdverIntervalCentis;
    /** keepalived {@code preempt_time}: when a running preempt delay ends; NO_DEADLINE = not started. */
    private long preemptAt = NO_DEADLINE;
    /** End of {@code vrrp_startup_delay}; adverts before it are ignored. */
    private long startupDelayEnd = NO_DEADLINE;
    private InetAddress masterAddress;
    private boolean linkUp = true;
    private boolean trackerFault;
    private boolean heldByGroup;
    /** keepalived {@code wantstate == MASTER} while BACKUP: our timer expired but the group said wait. */
    private boolean wantMaster;

    public InstanceStateMachine(InstanceSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.effectivePriority = settings.basePriority();
        this.masterAdverIntervalCentis = settings.advertIntervalCentis();
        this.garps = new GarpSchedule(settings.garp(), timers);
        this.rogue = new RogueOwnerWatch(timers, settings.advertIntervalCentis());
    }

    /** Applies {@code input} at {@code nowNanos} (a {@link dev.vigil.common.time.Ticker} reading); no sync group. */
    public List<Effect> handle(Input input, long nowNanos) {
        return handle(input, nowNanos, MasterGate.ALWAYS);
    }

    /** Applies {@code input}; {@code gate} decides whether the instance may become master on its own. */
    public List<Effect> handle(Input input, long nowNanos, MasterGate gate) {
        Objects.requireNonNull(gate, "gate");
        List<Effect> out = new ArrayList<>();
        switch (input) {
            case Input.Startup s -> startup(s.linkUp(), nowNanos, gate, out);
            case Input.AdvertReceived a -> advertReceived(a, nowNanos, out);
            case Input.MasterDownTimerFired ignored -> masterDownFired(nowNanos, gate, out);
            case Input.AdvertTimerFired ignored -> advertTimerFired(nowNanos, out);
            case Input.GarpDelayTimerFired ignored -> garpFired(TimerKind.GARP_DELAY, nowNanos, out);
            case Input.GarpRefreshTimerFired ignored -> garpFired(TimerKind.GARP_REFRESH, nowNanos, out);
            case Input.LowerPriorityGarpTimerFired ignored -> garpFired(TimerKind.GARP_LOWER_PRIO_DELAY, nowNanos, out);
            case Input.RogueOwnerTimerFired ignored -> rogue.waitOver(nowNanos);
            case Input.PriorityChanged p -> priorityChanged(p.totalPriority(), out);
            case Input.LinkChanged l -> {
                boolean before = faulted();
                linkUp = l.up();
                faultFlagsChanged(before, TransitionReason.LINK_DOWN, TransitionReason.LINK_UP, nowNanos, out);
            }
            case Input.FaultChanged f -> {
                boolean before = faulted();
                trackerFault = f.faulted();
                faultFlagsChanged(before, TransitionReason.TRACKER_FAULT, TransitionReason.TRACKER_RECOVERED,
                        nowNanos, out);
            }
            case Input.Shutdown stop -> shutdown(stop.reason(), out);
            case Input.VirtualAddressDeleted ignored -> resignToRestore(TransitionReason.ADDRESS_DELETED, nowNanos, out);
            case Input.RoutingDeleted ignored -> resignToRestore(TransitionReason.ROUTING_DELETED, nowNanos, out);
        }
        return List.copyOf(out);
    }

    /** Applies a sync group's order (keepalived vrrp_sync_master / _backup / _fault). */
    public List<Effect> follow(GroupOrder order, long nowNanos) {
        List<Effect> out = new ArrayList<>();
        switch (order) {
            case GO_MASTER -> {
                if (state == VrrpState.BACKUP) {
                    becomeMaster(TransitionReason.SYNC_GROUP, nowNanos, out);
                }
            }
            case GO_BACKUP -> groupBackup(nowNanos, out);
            case GO_FAULT -> {
                boolean before = faulted();
                heldByGroup = true;
                faultFlagsChanged(before, TransitionReason.SYNC_GROUP, TransitionReason.SYNC_GROUP, nowNanos, out);
            }
            case LOWER_PRIORITY_GARP -> {
                if (state == VrrpState.MASTER) {
                    garps.lowerPriority(GratuitousReason.SYNC_GROUP_LOWER_PRIORITY, nowNanos, out);
                }
            }
        }
        return List.copyOf(out);
    }

    /**
     * A reload kept this instance with new settings (same VRID; reference §1.8). The state, the
     * master heard, the preempt delay and startup delay under way and every pending timer stay;
     * what the new values change is applied in place:
     * <ul>
     *   <li>priority: an owner is 255 at once; otherwise the advertised priority moves by the
     *       change of the base priority (trackers then correct it with
     *       {@link Input.PriorityChanged}); a backup's down timer moves with its skew;</li>
     *   <li>advert_int, down_timer_adverts, version: a backup's pending down timer moves by the
     *       change of Master_Down_Interval (a v3 backup keeps the interval it adopted from the
     *       master until the next advert); a master's next advert comes at the sooner of its
     *       pending time and one new interval from now;</li>
     *   <li>GARP settings: a master restarts its refresh with the new period;</li>
     *   <li>{@code addressesAdded} on a master: a burst of gratuitous ARPs / NAs for every VIP
     *       now and another {@code garp_master_delay} later (keepalived clear_diff_vrrp).</li>
     * </ul>
     * No state change results: a new priority that should hand mastership over does so through
     * the usual adverts. Everything else (nopreempt, preempt_delay, lower_prio_no_advert, ...) is
     * read from the settings when next used.
     *
     * @throws IllegalArgumentException when the VRID differs
     */
    public List<Effect> reconfigure(InstanceSettings next, boolean addressesAdded, long nowNanos) {
        Objects.requireNonNull(next, "next");
        if (next.vrid() != settings.vrid()) {
            throw new IllegalArgumentException("a reload keeps the VRID: " + settings.vrid() + " -> " + next.vrid());
        }
        List<Effect> out = new ArrayList<>();
        InstanceSettings before = settings;
        long downBefore = masterDownIntervalNanos();
        settings = next;
        if (next.owner()) {
            effectivePriority = before.owner() ? effectivePriority : OWNER_PRIORITY;
        } else {
            int base = before.owner() ? next.basePriority()
                    : effectivePriority + next.basePriority() - before.basePriority();
            effectivePriority = Math.clamp(base, 1, OWNER_BACKED_OFF);
        }
        if (state != VrrpState.BACKUP || next.version() == VrrpVersion.V2 || before.version() != next.version()) {
            masterAdverIntervalCentis = next.advertIntervalCentis();
        }
        rogue.ownInterval(next.advertIntervalCentis());
        if (!next.garp().equals(before.garp())) {
            garps = new GarpSchedule(next.garp(), timers);
            if (state == VrrpState.MASTER) {
                garps.restartRefresh(nowNanos, out);
            }
        }
        if (state == VrrpState.BACKUP && timers.pending(TimerKind.MASTER_DOWN)) {
            long shift = masterDownIntervalNanos() - downBefore;
            if (shift != 0) {
                timers.arm(TimerKind.MASTER_DOWN, timers.at(TimerKind.MASTER_DOWN) + shift, out);
            }
        }
        if (state == VrrpState.MASTER) {
            if (next.advertIntervalCentis() != before.advertIntervalCentis() && timers.pending(TimerKind.ADVERT)) {
                timers.arm(TimerKind.ADVERT, Math.min(timers.at(TimerKind.ADVERT), nowNanos + ownIntervalNanos()), out);
            }
            if (addressesAdded) {
                garps.addressesAdded(nowNanos, out);
            }
        }
        return List.copyOf(out);
    }

    public VrrpState state() {
        return state;
    }

    public InstanceSettings settings() {
        return settings;
    }

    /** The priority we advertise: base ± tracker weights, clamped; 255 for an owner unless backed off to 254. */
    public int effectivePriority() {
        return effectivePriority;
    }

    /** Master_Adver_Interval: ours, or (v3 backup) the master's, in centiseconds. */
    public int masterAdverIntervalCentis() {
        return masterAdverIntervalCentis;
    }

    /** Current Master_Down_Interval in nanoseconds. */
    public long masterDownIntervalNanos() {
        return MasterDownTiming.masterDownNanos(settings.version(), skewPriority(), masterAdverIntervalCentis,
                settings.downTimerAdverts());
    }

    /** The source of the last accepted advert while backup, if any. */
    public Optional<InetAddress> masterAddress() {
        return Optional.ofNullable(masterAddress);
    }

    /** keepalived {@code wantstate == MASTER}: master, or a backup whose down timer expired while a gate refused. */
    public boolean wantsMaster() {
        return state == VrrpState.MASTER || (state == VrrpState.BACKUP && wantMaster);
    }

    /** Whether the instance's own link or trackers hold it in FAULT (a sync group's hold not counted). */
    public boolean ownFault() {
        return !linkUp || trackerFault;
    }

    /**
     * Whether the runtime should ask the checker to compare VIPs (check #18) for an advert from
     * {@code source}: keepalived skips it with {@code skip_check_adv_addr} only while a backup
     * keeps hearing the same master (vrrp.c vrrp_state_backup); a master always checks.
     */
    public boolean wantsVipCheck(InetAddress source, boolean skipCheckAdvAddr) {
        return !skipCheckAdvAddr || state != VrrpState.BACKUP || !source.equals(masterAddress);
    }

    // ---- inputs -------------------------------------------------------------------------

    /**
     * RFC 5798 §6.4.1 Initialize; keepalived vrrp_init_state. An owner with {@code state MASTER}
     * takes over at once (keepalived: a 1 µs down timer); with {@code state BACKUP} it is an
     * ordinary backup. {@code vrrp_startup_delay} shifts every first deadline by the delay.
     */
    private void startup(boolean up, long now, MasterGate gate, List<Effect> out) {
        if (state != VrrpState.INIT && state != VrrpState.STOPPED) {
            return;
        }
        masterAdverIntervalCentis = settings.advertIntervalCentis();
        long delay = settings.startupDelayNanos();
        startupDelayEnd = delay > 0 ? now + delay : NO_DEADLINE;
        long base = now + delay;
        linkUp = up;
        if (faulted()) {
            change(VrrpState.FAULT, TransitionReason.STARTUP, out);
        } else if (settings.owner() && settings.startAsMaster() && gate.mayBecomeMaster(this)) {
            if (delay == 0) {
                becomeMaster(TransitionReason.STARTUP, now, out);
            } else {
                change(VrrpState.BACKUP, TransitionReason.STARTUP, out);
                timers.arm(TimerKind.MASTER_DOWN, base, out);
            }
        } else {
            change(VrrpState.BACKUP, TransitionReason.STARTUP, out);
            if (settings.owner() && settings.startAsMaster()) {
                // vrrp_init_state: the group is not master yet; allow one interval to find a master.
                wantMaster = true;
                timers.arm(TimerKind.MASTER_DOWN, base + ownerWaitNanos(), out);
            } else {
                timers.arm(TimerKind.MASTER_DOWN, base + masterDownIntervalNanos(), out);
            }
        }
    }

    private void advertReceived(Input.AdvertReceived received, long now, List<Effect> out) {
        Advertisement advert = received.advert();
        if (advert.vrid() != settings.vrid() || !received.verdict().accepted()) {
            // reference §2.4: KO and DROP packets never reset the down timer (vrrp.c 2285-2290).
            return;
        }
        if (startupDelayEnd != NO_DEADLINE && now < startupDelayEnd) {
            // reference §2.4 first row: packets are ignored while vrrp_startup_delay runs.
            return;
        }
        if (state == VrrpState.BACKUP) {
            backupReceived(advert, received.source(), now, out);
        } else if (state == VrrpState.MASTER) {
            masterReceived(advert, received.source(), now, out);
        }
    }

    /** RFC 5798 §6.4.2 with keepalived's nopreempt and preempt_delay (vrrp_state_backup). */
    private void backupReceived(Advertisement advert, InetAddress source, long now, List<Effect> out) {
        boolean masterChange = !source.equals(masterAddress);
        if (settings.owner() && effectivePriority == OWNER_BACKED_OFF
                && (masterChange || advert.priority() != OWNER_PRIORITY)) {
            // vrrp_state_backup: the rogue owner is gone; "Restoring our priority to 255".
            effectivePriority = OWNER_PRIORITY;
        }
        if (advert.priority() == 0) {
            // RFC 5798 §6.4.2: the master resigned; take over after Skew_Time.
            timers.arm(TimerKind.MASTER_DOWN, now + skewNanos(), out);
            return;
        }
        boolean higherOrEqual = advert.priority() >= effectivePriority;
        boolean preemptDelayPending = settings.preemptDelayNanos() > 0
                && (preemptAt == NO_DEADLINE || preemptAt > now);
        if (!settings.nopreempt() && !higherOrEqual && !preemptDelayPending) {
            // "received lower priority advert - discarding": the down timer runs on, we preempt.
            masterAddress = source;
            return;
        }
        if (settings.version() == VrrpVersion.V3) {
            // RFC 5798 §6.4.2: Master_Adver_Interval := the advert's interval.
            masterAdverIntervalCentis = Math.max(1, advert.advertIntervalCentis());
        }
        masterAddress = source;
        wantMaster = false;
        timers.arm(TimerKind.MASTER_DOWN, now + masterDownIntervalNanos(), out);
        if (settings.preemptDelayNanos() > 0) {
            if (higherOrEqual) {
                preemptAt = NO_DEADLINE;
            } else if (preemptAt == NO_DEADLINE) {
                preemptAt = now + settings.preemptDelayNanos();
            }
        }
    }

    /** RFC 5798 §6.4.3 with keepalived's options (vrrp_state_master_rx). */
    private void masterReceived(Advertisement advert, InetAddress source, long now, List<Effect> out) {
        int byAddress = compareAddresses(source, settings.primaryAddress());
        int priority = advert.priority();
        if (priority == 0) {
            // RFC 5798 §6.4.3: answer a resignation with an advert at once.
            sendAdvertAndRearm(now, out);
            return;
        }
        if (priority == effectivePriority && priority == OWNER_PRIORITY && byAddress != 0
                && rogue.heard(source, byAddress, advert.advertIntervalCentis(), out)) {
            effectivePriority = OWNER_BACKED_OFF;
        }
        boolean higher = priority > effectivePriority || (priority == effectivePriority && byAddress > 0);
        boolean lower = priority < effectivePriority || (priority == effectivePriority && byAddress < 0);
        if (lower) {
            // keepalived: "forcing new election" unless lower_prio_no_advert.
            if (!settings.lowerPrioNoAdvert()) {
                sendAdvertAndRearm(now, out);
            }
            garps.lowerPriority(GratuitousReason.LOWER_PRIORITY_ADVERT, now, out);
            out.add(new MasterReceivedLowerPriority(source, priority));
        } else if (higher) {
            if (settings.higherPrioSendAdvert()) {
                out.add(new SendAdvert(effectivePriority));
            }
            if (settings.version() == VrrpVersion.V3) {
                masterAdverIntervalCentis = Math.max(1, advert.advertIntervalCentis());
            }
            leaveMaster(VrrpState.BACKUP, TransitionReason.HIGHER_PRIORITY_ADVERT, out);
            masterAddress = source;
            timers.arm(TimerKind.MASTER_DOWN, now + masterDownIntervalNanos(), out);
        }
        // Equal priority from our own address: keepalived only logs a warning.
    }

    private void masterDownFired(long now, MasterGate gate, List<Effect> out) {
        if (state != VrrpState.BACKUP || !timers.due(TimerKind.MASTER_DOWN, now)) {
            return;
        }
        if (gate.mayBecomeMaster(this)) {
            becomeMaster(TransitionReason.MASTER_DOWN_TIMER, now, out);
        } else {
            // vrrp_sync_can_goto_master: wait for the other members, down timer re-armed.
            wantMaster = true;
            timers.arm(TimerKind.MASTER_DOWN, now + masterDownIntervalNanos(), out);
        }
    }

    /** keepalived vrrp_state_master_tx: advert, and the rogue owner count-down. */
    private void advertTimerFired(long now, List<Effect> out) {
        if (state != VrrpState.MASTER || !timers.due(TimerKind.ADVERT, now)) {
            return;
        }
        sendAdvertAndRearm(now, out);
        rogue.advertSent(now, out);
    }

    private void garpFired(TimerKind kind, long now, List<Effect> out) {
        if (state == VrrpState.MASTER) {
            garps.fired(kind, now, out);
        }
    }

    /**
     * keepalived vrrp_set_effective_priority: owners never change; others are clamped to
     * 1..254; a backup's down deadline moves by the change in skew.
     */
    private void priorityChanged(int total, List<Effect> out) {
        if (settings.owner()) {
            return;
        }
        int clamped = Math.clamp(total, 1, OWNER_BACKED_OFF);
        if (clamped == effectivePriority) {
            return;
        }
        long before = masterDownIntervalNanos();
        effectivePriority = clamped;
        if (state == VrrpState.BACKUP && timers.pending(TimerKind.MASTER_DOWN)) {
            timers.arm(TimerKind.MASTER_DOWN, timers.at(TimerKind.MASTER_DOWN) + masterDownIntervalNanos() - before,
                    out);
        }
    }

    /** keepalived down_instance / try_up_instance: FAULT when a flag is set (a master resigns first). */
    private void faultFlagsChanged(boolean wasFaulted, TransitionReason down, TransitionReason up, long now,
                                   List<Effect> out) {
        boolean isFaulted = faulted();
        if (isFaulted && !wasFaulted) {
            if (state == VrrpState.MASTER) {
                out.add(new SendAdvert(0));
                leaveMaster(VrrpState.FAULT, down, out);
            } else if (state == VrrpState.BACKUP) {
                timers.cancel(TimerKind.MASTER_DOWN, out);
                wantMaster = false;
                change(VrrpState.FAULT, down, out);
            }
        } else if (!isFaulted && wasFaulted && state == VrrpState.FAULT) {
            leaveFault(up, now, out);
        }
    }

    /** keepalived try_up_instance: own interval again; an owner with state MASTER waits one interval + skew. */
    private void leaveFault(TransitionReason reason, long now, List<Effect> out) {
        masterAdverIntervalCentis = settings.advertIntervalCentis();
        preemptAt = NO_DEADLINE;
        change(VrrpState.BACKUP, reason, out);
        long base = startupDelayEnd != NO_DEADLINE ? Math.max(now, startupDelayEnd) : now;
        long wait = settings.owner() && settings.startAsMaster() ? ownerWaitNanos() : masterDownIntervalNanos();
        timers.arm(TimerKind.MASTER_DOWN, base + wait, out);
    }

    /** vrrp_sync_backup: masters step down quietly; members the group held in FAULT come back. */
    private void groupBackup(long now, List<Effect> out) {
        if (state == VrrpState.MASTER) {
            leaveMaster(VrrpState.BACKUP, TransitionReason.SYNC_GROUP, out);
            timers.arm(TimerKind.MASTER_DOWN, now + masterDownIntervalNanos(), out);
        } else if (heldByGroup) {
            heldByGroup = false;
            if (state == VrrpState.FAULT && !faulted()) {
                leaveFault(TransitionReason.SYNC_GROUP, now, out);
            }
        }
    }

    /**
     * keepalived set_vrrp_backup: a master whose address, route or rule was deleted resigns
     * (priority 0, VIPs released) and waits only Skew_Time before it takes over again, which
     * restores the entry unless another router answered first.
     */
    private void resignToRestore(TransitionReason reason, long now, List<Effect> out) {
        if (state != VrrpState.MASTER) {
            return;
        }
        out.add(new SendAdvert(0));
        leaveMaster(VrrpState.BACKUP, reason, out);
        timers.arm(TimerKind.MASTER_DOWN, now + skewNanos(), out);
    }

    /** RFC 5798 §6.4.2/§6.4.3 Shutdown: a master sends priority 0 and releases the VIPs. */
    private void shutdown(TransitionReason reason, List<Effect> out) {
        switch (state) {
            case MASTER -> {
                out.add(new SendAdvert(0));
                leaveMaster(VrrpState.STOPPED, reason, out);
            }
            case BACKUP -> {
                timers.cancel(TimerKind.MASTER_DOWN, out);
                change(VrrpState.STOPPED, reason, out);
            }
            case FAULT, INIT -> change(VrrpState.STOPPED, reason, out);
            case STOPPED -> { }
        }
        wantMaster = false;
    }

    // ---- transitions --------------------------------------------------------------------

    /**
     * keepalived vrrp_state_goto_master / master_tx / become_master: advert first (so the old
     * master drops the VIPs before our ARPs), then VIPs, then gratuitous ARPs. A backed-off
     * owner sends that first advert at 254 and is 255 again from then on (become_master).
     */
    private void becomeMaster(TransitionReason reason, long now, List<Effect> out) {
        masterAdverIntervalCentis = settings.advertIntervalCentis();
        masterAddress = null;
        preemptAt = NO_DEADLINE;
        wantMaster = false;
        rogue.reset(out);
        change(VrrpState.MASTER, reason, out);
        out.add(new SendAdvert(effectivePriority));
        if (settings.owner()) {
            effectivePriority = OWNER_PRIORITY;
        }
        out.add(new AddVips());
        garps.becameMaster(out);
        timers.arm(TimerKind.ADVERT, now + ownIntervalNanos(), out);
        garps.armFollowUps(now, out);
    }

    /** keepalived vrrp_state_leave_master: VIPs go, timers stop, preempt delay and rogue count reset. */
    private void leaveMaster(VrrpState to, TransitionReason reason, List<Effect> out) {
        timers.cancel(TimerKind.ADVERT, out);
        garps.stop(out);
        rogue.reset(out);
        out.add(new RemoveVips());
        preemptAt = NO_DEADLINE;
        wantMaster = false;
        change(to, reason, out);
    }

    private void sendAdvertAndRearm(long now, List<Effect> out) {
        out.add(new SendAdvert(effectivePriority));
        timers.arm(TimerKind.ADVERT, now + ownIntervalNanos(), out);
    }

    private void change(VrrpState to, TransitionReason reason, List<Effect> out) {
        VrrpState from = state;
        state = to;
        out.add(new StateChanged(from, to, reason));
    }

    private boolean faulted() {
        return ownFault() || heldByGroup;
    }

    private long ownIntervalNanos() {
        return settings.advertIntervalCentis() * MasterDownTiming.NANOS_PER_CENTI;
    }

    /** keepalived: an owner that wants MASTER waits one advert interval + skew for another master. */
    private long ownerWaitNanos() {
        return ownIntervalNanos() + skewNanos();
    }

    private long skewNanos() {
        return MasterDownTiming.skewNanos(settings.version(), skewPriority(), masterAdverIntervalCentis);
    }

    /** keepalived VRRP_TIMER_SKEW: an owner counts as 255 even when backed off. */
    private int skewPriority() {
        return settings.owner() ? OWNER_PRIORITY : effectivePriority;
    }

    /**
     * RFC 5798 §6.4.3 tie-break: the higher primary address wins, compared as unsigned
     * big-endian numbers (keepalived vrrp_saddr_cmp); different families compare equal.
     */
    static int compareAddresses(InetAddress a, InetAddress b) {
        byte[] x = a.getAddress();
        byte[] y = b.getAddress();
        if (x.length != y.length) {
            return 0;
        }
        return Arrays.compareUnsigned(x, y);
    }
}
