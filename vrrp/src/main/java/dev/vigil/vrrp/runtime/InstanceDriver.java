package dev.vigil.vrrp.runtime;

import dev.vigil.common.text.InetText;
import dev.vigil.common.time.Scheduler;
import dev.vigil.common.time.Scheduler.Cancellable;
import dev.vigil.linux.NativeException;
import dev.vigil.linux.rtnetlink.DeletedRoute;
import dev.vigil.linux.rtnetlink.DeletedRule;
import dev.vigil.vrrp.codec.AddressFamily;
import dev.vigil.vrrp.codec.AdvertChecker;
import dev.vigil.vrrp.codec.AdvertExpectations;
import dev.vigil.vrrp.codec.Advertisement;
import dev.vigil.vrrp.codec.AhSequence;
import dev.vigil.vrrp.codec.AuthData;
import dev.vigil.vrrp.codec.AuthType;
import dev.vigil.vrrp.codec.CheckVerdict;
import dev.vigil.vrrp.codec.CheckVerdict.AcceptNote;
import dev.vigil.vrrp.codec.DecodeResult.Decoded;
import dev.vigil.vrrp.codec.RejectReason;
import dev.vigil.vrrp.codec.VrrpVersion;
import dev.vigil.vrrp.fsm.Effect;
import dev.vigil.vrrp.fsm.GroupOrder;
import dev.vigil.vrrp.fsm.InstanceSettings;
import dev.vigil.vrrp.fsm.InstanceStateMachine;
import dev.vigil.vrrp.fsm.Input;
import dev.vigil.vrrp.fsm.TimerKind;
import dev.vigil.vrrp.fsm.TransitionReason;
import dev.vigil.vrrp.fsm.VrrpState;
import dev.vigil.vrrp.track.ScriptStatus;
import dev.vigil.vrrp.track.TrackingSettings;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one instance on the event loop: feeds the pure {@link InstanceStateMachine} with
 * packets, timer expiries, link changes and shutdown, and carries out its effects through the
 * seams ({@link AdvertSender}, {@link VipApplier}, {@link GratuitousAnnouncer}) and the
 * loop's {@link Scheduler}. Applies the instance's {@link AdvertChecker} to decoded adverts,
 * counts everything keepalived counts, and reports to the {@link VrrpEventListener}.
 *
 * <p>Trackers: the driver owns the instance's {@link TrackedObjects}; observations (links,
 * script statuses, file values) come in through {@link #interfaceChanged}, {@link #scriptChanged}
 * and {@link #fileChanged} and become inputs. In a sync group the machine is shared with a
 * {@link SyncGroupDriver}: every input goes through the group, which hands each member's
 * effects back to that member's {@link #perform}.
 *
 * <p>Confined to the event-loop thread (or, in tests, the thread driving a
 * {@code FakeScheduler}). I/O failures are reported and never stop the instance.
 */
final class InstanceDriver {

    private static final Logger LOG = LoggerFactory.getLogger(InstanceDriver.class);

    private final Scheduler scheduler;
    private final VrrpEventListener listener;
    private final InstanceStateMachine machine;
    private final InstanceCounters counters = new InstanceCounters();
    /** auth_type AH: keepalived's one counter for sent and accepted sequence numbers; kept over a reload. */
    private final AhSequence ahSequence = new AhSequence();
    private final RejectLog rejectLog = new RejectLog(LOG);
    private final Map<TimerKind, Cancellable> timers = new EnumMap<>(TimerKind.class);
    /** The settings and what is built from them; replaced by {@link #reconfigure}. */
    private VrrpInstanceSettings settings;
    private AdvertSender sender;
    private VipApplier vipApplier;
    private GratuitousAnnouncer announcer;
    private AdvertChecker checker;
    private Advertisement template;
    private TrackedObjects tracking;
    /** The sync group that drives the machine, or null: the driver drives it alone. */
    private SyncGroupDriver group;
    /** Set by {@link #shutdown(boolean)} with keep: the resignation leaves the VIPs in place. */
    private boolean keepVips;

    /** The seams of one instance, as {@link VrrpIo} makes them. */
    record Seams(AdvertSender sender, VipApplier vips, GratuitousAnnouncer announcer) {
        Seams {
            Objects.requireNonNull(sender, "sender");
            Objects.requireNonNull(vips, "vips");
            Objects.requireNonNull(announcer, "announcer");
        }
    }

    /**
     * What the runtime observes of tracked objects now: links by interface (missing = up),
     * scripts' shared statuses (missing = pending), files' values (missing = 0).
     */
    record Observations(Map<String, Boolean> links, Map<String, ScriptStatus> scripts, Map<String, Long> files) {
        Observations {
            links = Map.copyOf(links);
            scripts = Map.copyOf(scripts);
            files = Map.copyOf(files);
        }
    }

    /** An instance tracking only its own trackers, every script pending. */
    InstanceDriver(VrrpInstanceSettings settings, AdvertSender sender, VipApplier vipApplier,
                   GratuitousAnnouncer announcer, Scheduler scheduler, VrrpEventListener listener) {
        this(settings, new TrackingSettings(settings.priority(), settings.interfaceName(),
                settings.options().dontTrackPrimary(), settings.trackers()), Map.of(), sender, vipApplier, announcer,
                scheduler, listener);
    }

    /**
     * @param trackingSettings the trackers in effect (own and sync group's, after
     *                         {@link dev.vigil.vrrp.track.WeightPolicy})
     * @param initialScripts   tracked scripts' status now; missing = pending
     */
    InstanceDriver(VrrpInstanceSettings settings, TrackingSettings trackingSettings,
                   Map<String, ScriptStatus> initialScripts, AdvertSender sender, VipApplier vipApplier,
                   GratuitousAnnouncer announcer, Scheduler scheduler, VrrpEventListener listener) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.vipApplier = Objects.requireNonNull(vipApplier, "vipApplier");
        this.announcer = Objects.requireNonNull(announcer, "announcer");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.machine = new InstanceStateMachine(machineSettings(settings, sender.sourceAddress()));
        this.checker = new AdvertChecker(expectations(settings));
        this.template = advertisement(settings);
        this.tracking = new TrackedObjects(trackingSettings, initialScripts);
    }

    /** An instance built from its seams (as {@link VrrpIo} makes them). */
    InstanceDriver(VrrpInstanceSettings settings, TrackingSettings trackingSettings,
                   Map<String, ScriptStatus> initialScripts, Seams seams, Scheduler scheduler,
                   VrrpEventListener listener) {
        this(settings, trackingSettings, initialScripts, seams.sender(), seams.vips(), seams.announcer(), scheduler,
                listener);
    }

    static InstanceSettings machineSettings(VrrpInstanceSettings s, InetAddress source) {
        InstanceOptions o = s.options();
        return new InstanceSettings(s.vrid(), s.version(), s.priority(), s.advertIntervalCentis(), s.startAsMaster(),
                s.nopreempt(), s.preemptDelay().toNanos(), o.downTimerAdverts(), o.lowerPrioNoAdvert(),
                o.higherPrioSendAdvert(), s.garp().machineSettings(), o.startupDelay().toNanos(), source);
    }

    static AdvertExpectations expectations(VrrpInstanceSettings s) {
        return new AdvertExpectations(s.version(), s.family(), s.authType(), password(s), s.advertIntervalCentis(),
                s.unicast(), vipAddresses(s), s.options().ownerIgnoreAdverts(), s.options().checkUnicastSource(),
                s.unicastPeers());
    }

    /** The advert this instance sends, at its configured priority (keepalived vrrp_build_pkt). */
    static Advertisement advertisement(VrrpInstanceSettings s) {
        if (s.version() == VrrpVersion.V2) {
            // keepalived copies the password into the auth bytes for PASS only; AH sends zeros there.
            AuthData auth = s.family() == AddressFamily.IPV4 && s.authType() == AuthType.PASS ? password(s)
                    : AuthData.ZERO;
            return Advertisement.v2(s.vrid(), s.priority(), s.authType(), auth, s.advertIntervalCentis() / 100,
                    s.family(), vipAddresses(s));
        }
        return Advertisement.v3(s.vrid(), s.priority(), s.advertIntervalCentis(), s.family(), vipAddresses(s));
    }

    /** The PASS password or the AH key: {@code auth_pass}, 8 bytes zero-padded. */
    private static AuthData password(VrrpInstanceSettings s) {
        return s.authType() == AuthType.NONE ? AuthData.ZERO : AuthData.fromPassword(s.password());
    }

    private static List<InetAddress> vipAddresses(VrrpInstanceSettings s) {
        return s.vips().stream().map(VirtualAddress::address).toList();
    }

    VrrpInstanceSettings settings() {
        return settings;
    }

    VrrpState state() {
        return machine.state();
    }

    /** The state machine, for a {@link SyncGroupDriver} to share. */
    InstanceStateMachine machine() {
        return machine;
    }

    TrackingSettings trackingSettings() {
        return tracking.settings();
    }

    /** From now on every input goes through {@code syncGroup}; before {@link #start}, or at a reload. */
    void joinGroup(SyncGroupDriver syncGroup) {
        this.group = Objects.requireNonNull(syncGroup, "syncGroup");
    }

    /** The sync group that drives this instance, if any. */
    Optional<SyncGroupDriver> group() {
        return Optional.ofNullable(group);
    }

    /**
     * A reload takes the instance out of its sync group (the group is gone or rebuilt). A
     * member the group held in FAULT is released: it comes back to BACKUP unless its own link
     * or trackers still fault (a rebuilt group holds it again if a member faults).
     */
    void leaveGroup() {
        group = null;
        if (machine.state() != VrrpState.MASTER) {
            machine.follow(GroupOrder.GO_BACKUP, scheduler.nanoTime()).forEach(this::perform);
        }
    }

    /**
     * First step of a reload that keeps this instance: while it holds its VIPs (MASTER), the
     * rules, routes and addresses the new configuration drops are deleted, in that order. Every
     * instance's removals run before any instance's additions, so an entry moved between
     * instances ends up present.
     */
    void removeDropped(InstanceDiff.Kept kept) {
        if (!holdsVips()) {
            return;
        }
        if (!kept.routesRemoved().isEmpty() || !kept.rulesRemoved().isEmpty()) {
            io("remove virtual routes/rules", () -> vipApplier.removeRouting(kept.routesRemoved(),
                    kept.rulesRemoved()));
        }
        if (!kept.vipsRemoved().isEmpty()) {
            io("remove VIPs", () -> vipApplier.remove(kept.vipsRemoved()));
        }
    }

    /**
     * Second step of a reload that keeps this instance ({@link InstanceDiff.Kept}): the new
     * settings replace the old, with new seams when their addresses or devices changed; while
     * MASTER the added VIPs are added and every VIP announced
     * ({@link InstanceStateMachine#reconfigure}); state, timers, counters and the sync group
     * stay. Returns the tracker inputs to give through {@link #applyAll} once the sync groups
     * are rebuilt (none when the trackers did not change).
     */
    List<Input> reconfigure(InstanceDiff.Kept kept, TrackingSettings trackingSettings, Observations now,
                            Optional<Seams> seams) {
        boolean missingBefore = sourceMissing();
        seams.ifPresent(this::rewire);
        boolean sourceChanged = sourceMissing() != missingBefore;
        if (sourceChanged) {
            logSourceChange();
        }
        settings = kept.after();
        checker = new AdvertChecker(expectations(settings));
        template = advertisement(settings);
        boolean added = holdsVips() && !kept.vipsAdded().isEmpty();
        if (added) {
            io("add VIPs", () -> vipApplier.add(kept.vipsAdded()));
        }
        if (holdsVips() && (!kept.routesAdded().isEmpty() || !kept.rulesAdded().isEmpty())) {
            io("add virtual routes/rules", () -> vipApplier.addRouting(kept.routesAdded(), kept.rulesAdded()));
        }
        machine.reconfigure(machineSettings(settings, sender.sourceAddress()), added, scheduler.nanoTime())
                .forEach(this::perform);
        List<Input> inputs = new ArrayList<>(retrack(trackingSettings, now));
        if (sourceChanged) {
            inputs.add(new Input.LinkChanged(tracking.linkUp()));
        }
        return inputs;
    }

    /** Logs that the instance has just lost its source address, or found one. */
    private void logSourceChange() {
        if (sourceMissing()) {
            LOG.warn("({}) no {} on {} to send adverts from: FAULT until one is added", settings.name(),
                    AddresslessSender.describe(settings.family()), settings.interfaceName());
        } else {
            LOG.info("({}) adverts leave from {} on {}", settings.name(), InetText.format(sender.sourceAddress()),
                    settings.interfaceName());
        }
    }

    /**
     * New seams after the instance's interface was made again (a deleted VMAC, an interface
     * created again under its name) or its address changed: adverts leave from their source
     * from now on, which is also the address compared on equal priority. Seams without an
     * address ({@link AddresslessSender}) put the instance in FAULT until seams with one come;
     * they take it out again. State and timers stay.
     */
    void renew(Seams seams) {
        boolean missingBefore = sourceMissing();
        if (seams.sender() instanceof AddresslessSender) {
            if (!missingBefore) {
                // keepalived downs such an instance, dont_track_primary or not. FAULT first, so
                // that a master's priority-0 advert still leaves from the old address, as
                // keepalived's down_instance sends it before it forgets the address.
                LOG.warn("({}) no {} left on {} to send adverts from: FAULT until one is added", settings.name(),
                        AddresslessSender.describe(settings.family()), settings.interfaceName());
                apply(new Input.LinkChanged(false));
            }
            rewire(seams);
            return;
        }
        InetAddress before = sender.sourceAddress();
        rewire(seams);
        InetAddress now = sender.sourceAddress();
        if (!now.equals(before)) {
            machine.reconfigure(machineSettings(settings, now), false, scheduler.nanoTime()).forEach(this::perform);
        }
        if (missingBefore) {
            LOG.info("({}) {} has an address to send from again; adverts leave from {}", settings.name(),
                    settings.interfaceName(), InetText.format(now));
            apply(new Input.LinkChanged(tracking.linkUp()));
        } else if (!now.equals(before)) {
            LOG.info("({}) adverts now leave from {}, the address of {} ({} is gone)", settings.name(),
                    InetText.format(now), settings.interfaceName(), InetText.format(before));
        }
    }

    /** Whether adverts leave from an address of the interface, which can change ({@link VrrpInstanceSettings#sourceFromInterface}). */
    boolean followsInterfaceAddress() {
        return settings.sourceFromInterface();
    }

    /** The address adverts leave from. */
    InetAddress source() {
        return sender.sourceAddress();
    }

    /** Whether the instance is in FAULT because its interface has no address to send from ({@link #renew}). */
    boolean sourceMissing() {
        return sender instanceof AddresslessSender;
    }

    /** The seams of {@link #renew}, without the rest. */
    private void rewire(Seams seams) {
        seams.vips().takeOver(vipApplier);
        sender = seams.sender();
        vipApplier = seams.vips();
        announcer = seams.announcer();
    }

    /** Applies inputs through the sync group, if any (after {@link #reconfigure}). */
    void applyAll(List<Input> inputs) {
        inputs.forEach(this::apply);
    }

    /**
     * A reload removed the instance: a master resigns with priority 0 and releases its VIPs
     * (as at stop, and as keepalived does for a deleted instance); the change is reported with
     * {@link TransitionReason#DELETED}. Runs outside any sync group.
     */
    void delete() {
        group = null;
        keepVips = false;
        machine.handle(new Input.Shutdown(TransitionReason.DELETED), scheduler.nanoTime()).forEach(this::perform);
        timers.values().forEach(Cancellable::cancel);
        timers.clear();
    }

    /** Feeds links and file values to an instance not started yet (its scripts came with the constructor). */
    void observe(Observations now) {
        now.links().forEach((name, up) -> {
            if (!name.equals(settings.interfaceName())) {
                interfaceChanged(name, up);
            }
        });
        now.files().forEach(this::fileChanged);
    }

    private boolean holdsVips() {
        return machine.state() == VrrpState.MASTER && !keepVips;
    }

    /** New trackers (or a new base priority): fresh tracking fed with what is observed now. */
    private List<Input> retrack(TrackingSettings next, Observations now) {
        if (next.equals(tracking.settings())) {
            return List.of();
        }
        tracking = TrackedObjects.reloaded(next, now, tracking);
        return tracking.currentInputs();
    }

    /**
     * Starts the instance as BACKUP (or MASTER for an owner), or FAULT when the link is down or
     * a tracker faults. Trackers observed before this are applied first.
     */
    void start(boolean linkUp) {
        if (sourceMissing()) {
            // keepalived: "(VI_1) entering FAULT state (no IPv4 address for interface)".
            LOG.warn("({}) no {} on {} to send adverts from: FAULT until one is added", settings.name(),
                    AddresslessSender.describe(settings.family()), settings.interfaceName());
        }
        tracking.interfaceChanged(settings.interfaceName(), linkUp);
        tracking.initialInputs().forEach(this::apply);
        apply(new Input.Startup(tracking.linkUp() && !sourceMissing()));
    }

    /** An interface went up or down: the instance's own, a tracked one, both or neither. */
    void interfaceChanged(String interfaceName, boolean up) {
        tracking.interfaceChanged(interfaceName, up).forEach(this::apply);
    }

    /** A tracked script's status changed, or it ran ({@code outcome} describes the last run). */
    void scriptChanged(String script, ScriptStatus status, String outcome) {
        tracking.scriptChanged(script, status, outcome).forEach(this::apply);
    }

    /** A tracked file now holds {@code value}. */
    void fileChanged(String file, long value) {
        tracking.fileChanged(file, value).forEach(this::apply);
    }

    /** A decoded advert for this instance's VRID arrived on its socket. */
    void received(Decoded packet) {
        VrrpState state = machine.state();
        if (state != VrrpState.BACKUP && state != VrrpState.MASTER) {
            // keepalived vrrp_dispatcher_read: an instance in FAULT or INIT ignores packets.
            return;
        }
        CheckVerdict verdict = checker.check(packet, machine.effectivePriority(),
                machine.wantsVipCheck(packet.source(), settings.options().skipCheckAdvAddr()), ahSequence);
        if (verdict.accepted() && state == VrrpState.MASTER && packet.ipsecAh().isPresent()
                && isLowerPriority(packet)) {
            // keepalived vrrp_state_master_rx: sync to the lower-priority advert before answering it.
            ahSequence.masterHeardLowerPriority(packet.ipsecAh().get().sequence());
        }
        switch (verdict) {
            case CheckVerdict.Reject r -> {
                counters.checkRejected(r.reason());
                rejectLog.refused(settings.name(), r.reason(), r.detail());
                listener.advertRefused(settings.name(), r.reason(), false, r.detail());
            }
            case CheckVerdict.Drop d -> {
                counters.checkDropped(d.reason());
                rejectLog.refused(settings.name(), d.reason(), d.detail());
                listener.advertRefused(settings.name(), d.reason(), true, d.detail());
            }
            case CheckVerdict.Accept a -> {
                counters.advertsReceived++;
                if (a.notes().contains(AcceptNote.PRIORITY_ZERO)) {
                    counters.priorityZeroReceived++;
                }
                if (a.notes().contains(AcceptNote.ADDRESS_COUNT_DIFFERS) || a.notes().contains(AcceptNote.VIP_MISSING)) {
                    counters.addressListErrors++;
                }
            }
        }
        apply(new Input.AdvertReceived(packet.advert(), packet.source(), verdict));
    }

    /** keepalived's "lower priority" test of a master (a resignation, priority 0, is not one). */
    private boolean isLowerPriority(Decoded packet) {
        int priority = packet.advert().priority();
        int ours = machine.effectivePriority();
        return priority != 0 && (priority < ours || priority == ours
                && Arrays.compareUnsigned(packet.source().getAddress(), sender.sourceAddress().getAddress()) < 0);
    }

    /** The decoder refused a packet that carried this instance's VRID. */
    void packetRejected(RejectReason reason, String detail) {
        counters.packetRejected(reason);
        rejectLog.refused(settings.name(), reason, detail);
        listener.packetRejected(settings.name(), reason, detail);
    }

    /** The instance's interface became usable or stopped being usable. */
    void linkChanged(boolean up) {
        interfaceChanged(settings.interfaceName(), up);
    }

    /**
     * The kernel reported {@code address} deleted. When this instance is MASTER and the
     * address is one of its VIPs or excluded VIPs without {@code no_track}, and it is really
     * gone (a reload that changes a VIP's options deletes and adds it again at once), the
     * instance leaves MASTER as keepalived's {@code set_vrrp_backup} does and comes back after
     * Skew_Time, putting the address back. Its own deletions arrive when it is no longer MASTER.
     */
    void addressRemoved(InetAddress address) {
        if (machine.state() != VrrpState.MASTER) {
            return;
        }
        settings.addresses().stream()
                .filter(v -> v.address().equals(address) && !v.options().noTrack())
                .findFirst()
                .ifPresent(this::resignIfGone);
    }

    /**
     * Deletions may have gone unreported (netlink overflow): a MASTER checks each of its
     * tracked VIPs with the kernel, as if its deletion had been reported, and resigns at the
     * first one that is gone.
     */
    void addressNotificationsLost() {
        for (VirtualAddress vip : settings.addresses()) {
            if (machine.state() != VrrpState.MASTER) {
                return;
            }
            if (!vip.options().noTrack()) {
                resignIfGone(vip);
            }
        }
    }

    /**
     * The kernel reported {@code deleted}. When this instance is MASTER and it is one of the
     * tracked virtual routes its applier added (and did not delete itself), the instance leaves
     * MASTER as keepalived's {@code set_vrrp_backup} does and comes back after Skew_Time, putting
     * the route back.
     */
    void routeRemoved(DeletedRoute deleted) {
        if (machine.state() == VrrpState.MASTER) {
            vipApplier.deletedRoute(deleted, settings.routing().trackedRoutes())
                    .ifPresent(route -> resignForRouting("virtual route " + route));
        }
    }

    /** As {@link #routeRemoved}, for a tracked virtual rule. */
    void ruleRemoved(DeletedRule deleted) {
        if (machine.state() == VrrpState.MASTER) {
            vipApplier.deletedRule(deleted, settings.routing().trackedRules())
                    .ifPresent(rule -> resignForRouting("virtual rule " + rule));
        }
    }

    private void resignForRouting(String entry) {
        LOG.info("({}) {} was deleted; leaving MASTER to restore it", settings.name(), entry);
        apply(new Input.RoutingDeleted(entry));
    }

    /** A MASTER whose tracked {@code vip} the kernel no longer holds leaves MASTER to restore it. */
    private void resignIfGone(VirtualAddress vip) {
        String address = InetText.format(vip.address());
        try {
            if (vipApplier.holds(vip)) {
                return;
            }
        } catch (NativeException e) {
            LOG.warn("({}) cannot tell whether {} is still there ({}); taking it as deleted", settings.name(),
                    address, e.getMessage());
        }
        LOG.info("({}) virtual address {} was deleted; leaving MASTER to restore it", settings.name(), address);
        apply(new Input.VirtualAddressDeleted(address));
    }

    /**
     * Trackers changed the instance's total priority (base ± weights); the state machine
     * clamps it and ignores it for an address owner.
     */
    void priorityChanged(int totalPriority) {
        apply(new Input.PriorityChanged(totalPriority));
    }

    /** Orderly stop: a master resigns with priority 0 and (unless {@code keep}) releases its VIPs. */
    void shutdown(boolean keep) {
        keepVips = keep;
        apply(new Input.Shutdown());
        timers.values().forEach(Cancellable::cancel);
        timers.clear();
    }

    InstanceSnapshot snapshot() {
        return new InstanceSnapshot(settings.name(), machine.state(), machine.effectivePriority(),
                machine.masterAddress(), counters.snapshot(), tracking.states(),
                Optional.ofNullable(group).map(SyncGroupDriver::name));
    }

    /**
     * Runs {@code input} on the machine, through the sync group when there is one. While the
     * interface has no address ({@link #sourceMissing}) the link counts as down whatever else says.
     */
    private void apply(Input input) {
        if (sourceMissing() && input instanceof Input.LinkChanged(boolean up) && up) {
            input = new Input.LinkChanged(false);
        }
        if (group != null) {
            group.handle(settings.name(), input);
            return;
        }
        for (Effect effect : machine.handle(input, scheduler.nanoTime())) {
            perform(effect);
        }
    }

    /** Carries out one effect of this instance's machine (called by the sync group too). */
    void perform(Effect effect) {
        switch (effect) {
            case Effect.SendAdvert s -> sendAdvert(s.priority());
            case Effect.AddVips ignored -> addHeld();
            case Effect.RemoveVips ignored -> {
                if (!keepVips) {
                    removeHeld();
                }
            }
            case Effect.SendGratuitous g -> announce(g.count());
            case Effect.ArmTimer t -> arm(t.kind(), t.atNanos());
            case Effect.CancelTimer c -> cancel(c.kind());
            case Effect.StateChanged c -> stateChanged(c);
            case Effect.MasterReceivedLowerPriority m -> {
                LOG.info("({}) master received lower priority {} advert from {}", settings.name(), m.priority(),
                        InetText.format(m.source()));
                listener.masterReceivedLowerPriority(settings.name(), m.source(), m.priority());
            }
            case Effect.AddressOwnerConflict c -> LOG.warn("({}) another address owner at {}{}", settings.name(),
                    InetText.format(c.peer()), c.backingOff() ? "; backing off to priority 254" : "");
        }
    }

    /** keepalived vrrp_state_become_master: VIPs, excluded VIPs, then virtual routes, then virtual rules. */
    private void addHeld() {
        io("add VIPs", () -> vipApplier.add(settings.addresses()));
        InstanceRouting routing = settings.routing();
        if (routing.hasRouting()) {
            io("add virtual routes/rules", () -> vipApplier.addRouting(routing.routes(), routing.rules()));
        }
    }

    /** keepalived vrrp_restore_interface: virtual rules, then routes, then the addresses. */
    private void removeHeld() {
        InstanceRouting routing = settings.routing();
        if (routing.hasRouting()) {
            io("remove virtual routes/rules", () -> vipApplier.removeRouting(routing.routes(), routing.rules()));
        }
        io("remove VIPs", () -> vipApplier.remove(settings.addresses()));
    }

    private void sendAdvert(int priority) {
        Advertisement advert = template.withPriority(priority);
        boolean sent;
        if (settings.authType() == AuthType.AH) {
            // keepalived counts the number even when the send then fails.
            long sequence = ahSequence.nextToSend();
            AuthData key = password(settings);
            sent = io("send advert", () -> sender.sendWithIpsecAh(advert, key, sequence));
        } else {
            sent = io("send advert", () -> sender.send(advert));
        }
        if (sent) {
            counters.advertsSent++;
            if (priority == 0) {
                counters.priorityZeroSent++;
            }
        }
    }

    /**
     * keepalived: a burst is {@code rounds} rounds (the state machine takes them from
     * {@code garp_master_repeat}, {@code garp_master_refresh_repeat} or
     * {@code garp_lower_prio_repeat}), one announcement per address each,
     * {@code vrrp_garp_interval} apart.
     */
    private void announce(int rounds) {
        long interval = settings.garp().interval().toNanos();
        for (int round = 0; round < rounds; round++) {
            if (interval == 0 || round == 0) {
                io("announce VIPs", () -> announcer.announce(settings.addresses()));
            } else {
                scheduler.schedule(round * interval, () -> {
                    if (machine.state() == VrrpState.MASTER) {
                        io("announce VIPs", () -> announcer.announce(settings.addresses()));
                    }
                });
            }
        }
    }

    private void arm(TimerKind kind, long atNanos) {
        cancel(kind);
        Input input = Input.timerFired(kind);
        timers.put(kind, scheduler.schedule(atNanos - scheduler.nanoTime(), () -> {
            timers.remove(kind);
            apply(input);
        }));
    }

    private void cancel(TimerKind kind) {
        Cancellable pending = timers.remove(kind);
        if (pending != null) {
            pending.cancel();
        }
    }

    private void stateChanged(Effect.StateChanged change) {
        if (change.to() == VrrpState.MASTER) {
            counters.becameMaster++;
            // keepalived vrrp_state_goto_master: a cycled AH counter starts again.
            ahSequence.becomingMaster();
        }
        if (change.from() == VrrpState.MASTER) {
            counters.releasedMaster++;
        }
        LOG.info("({}) entering {} state ({}), was {}", settings.name(), change.to(), change.reason(), change.from());
        listener.stateChanged(settings.name(), change.from(), change.to(), change.reason(),
                machine.effectivePriority());
    }

    /** Runs one I/O action; a failure is logged and reported, never thrown. Returns success. */
    private boolean io(String action, IoAction task) {
        try {
            task.run();
            return true;
        } catch (Exception e) {
            LOG.warn("({}) {} failed: {}", settings.name(), action, e.getMessage());
            listener.ioFailed(settings.name(), action, e);
            return false;
        }
    }

    @FunctionalInterface
    private interface IoAction {
        void run() throws Exception;
    }
}
