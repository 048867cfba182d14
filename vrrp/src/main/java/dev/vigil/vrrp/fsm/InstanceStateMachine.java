package dev.vigil.vrrp.fsm;

import dev.vigil.vrrp.codec.Advertisement;
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
 * <p>Not thread-safe: one event loop owns each instance.
 */
public final class InstanceStateMachine {

    private static final long NO_DEADLINE = Long.MIN_VALUE;

    private final InstanceSettings settings;
    private VrrpState state = VrrpState.INIT;
    private int effectivePriority;
    private int masterAdverIntervalCentis;
    private long masterDownAt = NO_DEADLINE;
    private long advertAt = NO_DEADLINE;
    private long garpAt = NO_DEADLINE;
    /** keepalived {@code preempt_time}: when a running preempt delay ends; NO_DEADLINE = not started. */
    private long preemptAt = NO_DEADLINE;
    private InetAddress masterAddress;

    public InstanceStateMachine(InstanceSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.effectivePriority = settings.basePriority();
        this.masterAdverIntervalCentis = settings.advertIntervalCentis();
    }

    /** Applies {@code input} at {@code nowNanos} (a {@link dev.vigil.common.time.Ticker} reading). */
    public List<Effect> handle(Input input, long nowNanos) {
        List<Effect> out = new ArrayList<>();
        switch (input) {
            case Input.Startup s -> startup(s.linkUp(), nowNanos, out);
            case Input.AdvertReceived a -> advertReceived(a, nowNanos, out);
            case Input.MasterDownTimerFired ignored -> masterDownFired(nowNanos, out);
            case Input.AdvertTimerFired ignored -> advertTimerFired(nowNanos, out);
            case Input.GarpDelayTimerFired ignored -> garpDelayFired(nowNanos, out);
            case Input.PriorityChanged p -> priorityChanged(p.totalPriority(), out);
            case Input.LinkChanged l -> linkChanged(l.up(), nowNanos, out);
            case Input.Shutdown ignored -> shutdown(out);
        }
        return List.copyOf(out);
    }

    public VrrpState state() {
        return state;
    }

    public InstanceSettings settings() {
        return settings;
    }

    /** The priority we advertise: base ± tracker weights, clamped; always 255 for an owner. */
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

    /**
     * Whether the runtime should ask the checker to compare VIPs (check #18) for an advert from
     * {@code source}: keepalived skips it with {@code skip_check_adv_addr} only while a backup
     * keeps hearing the same master (vrrp.c vrrp_state_backup); a master always checks.
     */
    public boolean wantsVipCheck(InetAddress source, boolean skipCheckAdvAddr) {
        return !skipCheckAdvAddr || state != VrrpState.BACKUP || !source.equals(masterAddress);
    }

    // ---- inputs -------------------------------------------------------------------------

    /** RFC 5798 §6.4.1 Initialize; keepalived vrrp_init_state. */
    private void startup(boolean linkUp, long now, List<Effect> out) {
        if (state != VrrpState.INIT && state != VrrpState.STOPPED) {
            return;
        }
        masterAdverIntervalCentis = settings.advertIntervalCentis();
        if (!linkUp) {
            change(VrrpState.FAULT, TransitionReason.STARTUP, out);
        } else if (settings.owner() && settings.startAsMaster()) {
            // RFC 5798 §6.4.1: the owner becomes master at once (keepalived: a 1 µs down timer).
            becomeMaster(TransitionReason.STARTUP, now, out);
        } else {
            change(VrrpState.BACKUP, TransitionReason.STARTUP, out);
            armMasterDown(now + masterDownIntervalNanos(), out);
        }
    }

    private void advertReceived(Input.AdvertReceived received, long now, List<Effect> out) {
        Advertisement advert = received.advert();
        if (advert.vrid() != settings.vrid() || !received.verdict().accepted()) {
            // reference §2.4: KO and DROP packets never reset the down timer (vrrp.c 2285-2290).
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
        if (advert.priority() == 0) {
            // RFC 5798 §6.4.2: the master resigned; take over after Skew_Time.
            armMasterDown(now + skewNanos(), out);
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
        armMasterDown(now + masterDownIntervalNanos(), out);
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
        boolean higher = advert.priority() > effectivePriority
                || (advert.priority() == effectivePriority && byAddress > 0);
        boolean lower = advert.priority() < effectivePriority
                || (advert.priority() == effectivePriority && byAddress < 0);
        if (advert.priority() == 0) {
            // RFC 5798 §6.4.3: answer a resignation with an advert at once.
            sendAdvertAndRearm(now, out);
        } else if (higher) {
            if (settings.higherPrioSendAdvert()) {
                out.add(new SendAdvert(effectivePriority));
            }
            if (settings.version() == VrrpVersion.V3) {
                masterAdverIntervalCentis = Math.max(1, advert.advertIntervalCentis());
            }
            leaveMaster(VrrpState.BACKUP, TransitionReason.HIGHER_PRIORITY_ADVERT, out);
            masterAddress = source;
            armMasterDown(now + masterDownIntervalNanos(), out);
        } else if (lower) {
            // keepalived: "forcing new election" unless lower_prio_no_advert.
            if (!settings.lowerPrioNoAdvert()) {
                sendAdvertAndRearm(now, out);
            }
            if (settings.garpOnLowerPriority()) {
                out.add(new SendGratuitous(GratuitousReason.LOWER_PRIORITY_ADVERT));
            }
            out.add(new MasterReceivedLowerPriority(source, advert.priority()));
        }
        // Equal priority from our own address: keepalived only logs a warning.
    }

    private void masterDownFired(long now, List<Effect> out) {
        if (state == VrrpState.BACKUP && masterDownAt != NO_DEADLINE && now >= masterDownAt) {
            masterDownAt = NO_DEADLINE;
            becomeMaster(TransitionReason.MASTER_DOWN_TIMER, now, out);
        }
    }

    private void advertTimerFired(long now, List<Effect> out) {
        if (state == VrrpState.MASTER && advertAt != NO_DEADLINE && now >= advertAt) {
            sendAdvertAndRearm(now, out);
        }
    }

    private void garpDelayFired(long now, List<Effect> out) {
        if (state == VrrpState.MASTER && garpAt != NO_DEADLINE && now >= garpAt) {
            garpAt = NO_DEADLINE;
            out.add(new SendGratuitous(GratuitousReason.MASTER_DELAY));
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
        int clamped = Math.clamp(total, 1, 254);
        if (clamped == effectivePriority) {
            return;
        }
        long before = masterDownIntervalNanos();
        effectivePriority = clamped;
        if (state == VrrpState.BACKUP && masterDownAt != NO_DEADLINE) {
            armMasterDown(masterDownAt + masterDownIntervalNanos() - before, out);
        }
    }

    /** keepalived: FAULT on link loss (a master resigns first); BACKUP again on recovery. */
    private void linkChanged(boolean up, long now, List<Effect> out) {
        if (!up && (state == VrrpState.MASTER || state == VrrpState.BACKUP)) {
            if (state == VrrpState.MASTER) {
                out.add(new SendAdvert(0));
                leaveMaster(VrrpState.FAULT, TransitionReason.LINK_DOWN, out);
            } else {
                cancelMasterDown(out);
                change(VrrpState.FAULT, TransitionReason.LINK_DOWN, out);
            }
        } else if (up && state == VrrpState.FAULT) {
            // keepalived try_up_instance: own interval again; an owner waits one interval + skew.
            masterAdverIntervalCentis = settings.advertIntervalCentis();
            preemptAt = NO_DEADLINE;
            change(VrrpState.BACKUP, TransitionReason.LINK_UP, out);
            long wait = settings.owner() && settings.startAsMaster()
                    ? masterAdverIntervalCentis * MasterDownTiming.NANOS_PER_CENTI + skewNanos()
                    : masterDownIntervalNanos();
            armMasterDown(now + wait, out);
        }
    }

    /** RFC 5798 §6.4.2/§6.4.3 Shutdown: a master sends priority 0 and releases the VIPs. */
    private void shutdown(List<Effect> out) {
        switch (state) {
            case MASTER -> {
                out.add(new SendAdvert(0));
                leaveMaster(VrrpState.STOPPED, TransitionReason.SHUTDOWN, out);
            }
            case BACKUP -> {
                cancelMasterDown(out);
                change(VrrpState.STOPPED, TransitionReason.SHUTDOWN, out);
            }
            case FAULT, INIT -> change(VrrpState.STOPPED, TransitionReason.SHUTDOWN, out);
            case STOPPED -> { }
        }
    }

    // ---- transitions --------------------------------------------------------------------

    /**
     * keepalived vrrp_state_goto_master / master_tx / become_master: advert first (so the old
     * master drops the VIPs before our ARPs), then VIPs, then gratuitous ARPs.
     */
    private void becomeMaster(TransitionReason reason, long now, List<Effect> out) {
        masterAdverIntervalCentis = settings.advertIntervalCentis();
        masterAddress = null;
        preemptAt = NO_DEADLINE;
        change(VrrpState.MASTER, reason, out);
        out.add(new SendAdvert(effectivePriority));
        out.add(new AddVips());
        out.add(new SendGratuitous(GratuitousReason.BECAME_MASTER));
        advertAt = now + ownIntervalNanos();
        out.add(new ArmTimer(TimerKind.ADVERT, advertAt));
        if (settings.garpMasterDelayNanos() > 0) {
            garpAt = now + settings.garpMasterDelayNanos();
            out.add(new ArmTimer(TimerKind.GARP_DELAY, garpAt));
        }
    }

    /** keepalived vrrp_state_leave_master: VIPs go, timers stop, preempt delay resets. */
    private void leaveMaster(VrrpState to, TransitionReason reason, List<Effect> out) {
        advertAt = NO_DEADLINE;
        out.add(new CancelTimer(TimerKind.ADVERT));
        if (garpAt != NO_DEADLINE) {
            garpAt = NO_DEADLINE;
            out.add(new CancelTimer(TimerKind.GARP_DELAY));
        }
        out.add(new RemoveVips());
        preemptAt = NO_DEADLINE;
        change(to, reason, out);
    }

    private void sendAdvertAndRearm(long now, List<Effect> out) {
        out.add(new SendAdvert(effectivePriority));
        advertAt = now + ownIntervalNanos();
        out.add(new ArmTimer(TimerKind.ADVERT, advertAt));
    }

    private void armMasterDown(long at, List<Effect> out) {
        masterDownAt = at;
        out.add(new ArmTimer(TimerKind.MASTER_DOWN, at));
    }

    private void cancelMasterDown(List<Effect> out) {
        masterDownAt = NO_DEADLINE;
        out.add(new CancelTimer(TimerKind.MASTER_DOWN));
    }

    private void change(VrrpState to, TransitionReason reason, List<Effect> out) {
        VrrpState from = state;
        state = to;
        out.add(new StateChanged(from, to, reason));
    }

    private long ownIntervalNanos() {
        return settings.advertIntervalCentis() * MasterDownTiming.NANOS_PER_CENTI;
    }

    private long skewNanos() {
        return MasterDownTiming.skewNanos(settings.version(), skewPriority(), masterAdverIntervalCentis);
    }

    /** keepalived VRRP_TIMER_SKEW: an owner counts as 255 even when backed off. */
    private int skewPriority() {
        return settings.owner() ? 255 : effectivePriority;
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
