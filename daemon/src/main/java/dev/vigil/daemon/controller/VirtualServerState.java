package dev.vigil.daemon.controller;

import dev.vigil.daemon.alert.AlertEvent;
import dev.vigil.daemon.alert.CheckStatus;
import dev.vigil.daemon.alert.CheckerVerdict;
import dev.vigil.daemon.alert.QuorumTransition;
import dev.vigil.healthcheck.CheckEvent;
import dev.vigil.healthcheck.CheckResult;
import dev.vigil.healthcheck.RealServerEvent;
import dev.vigil.healthcheck.state.RealServerHealth;
import dev.vigil.ipvs.Destination;
import dev.vigil.ipvs.DestinationKey;
import dev.vigil.ipvs.ServiceEntry;
import dev.vigil.ipvs.VirtualService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One virtual server's health and the destinations it wants in IPVS, with keepalived's rules
 * (check/ipwrapper.c {@code perform_svr_state()}, {@code update_quorum_state()},
 * {@code update_svr_wgt()}, {@code clear_service_vs()}):
 *
 * <ul>
 *   <li>A real server is alive while none of its checkers is failed ({@link RealServerHealth});
 *       alpha checkers start failed. An alive server is in the table at its effective weight
 *       (configured, or set by misc_dynamic); a dead one is absent, or at weight 0 with
 *       {@code inhibit_on_failure}.</li>
 *   <li>Quorum: the sum of alive weights is compared with the quorum. At start the quorum is up
 *       when the sum is at least {@code quorum + hysteresis} ({@code set_quorum_states()}).
 *       While up, it is lost when the sum is 0 or below {@code quorum - hysteresis}; while down,
 *       it is gained when the sum reaches {@code quorum + hysteresis}.</li>
 *   <li>Sorry server: in service exactly while the quorum is down; it then displaces the alive
 *       real servers (removed, or weight 0 with inhibit_on_failure). With
 *       {@code sorry_server_inhibit} it stays in the table at weight 0 while not needed.</li>
 *   <li>Notifiers: every alive change of a real server runs notify_up/notify_down and writes the
 *       FIFO {@code RS} line; a first failed check of an alpha checker on a server that was
 *       never up does too. Quorum changes run quorum_up/quorum_down and write the {@code VS} line
 *       (and mail with the virtual server's smtp_alert). Starting with the quorum down is
 *       reported only when a sorry server is configured, as keepalived does. Checker state
 *       changes are mailed with the real server's smtp_alert; the subject carries the server's
 *       alive state before the change, because keepalived formats it before it acts.</li>
 * </ul>
 *
 * <p>Pure and single-threaded: the runtime feeds it events on one thread.
 */
public final class VirtualServerState {

    private final VirtualServerPlan plan;
    private final List<Slot> slots = new ArrayList<>();
    private final Map<String, Slot> byChecker = new HashMap<>();
    private boolean quorumUp;

    /** A real server with its health and its checkers' last results. */
    private static final class Slot {
        /** Replaced when a reload carries the slot over ({@link #carriedTo}). */
        RealServerPlan plan;
        RealServerHealth health;
        final Map<String, CheckerSeen> checkers = new LinkedHashMap<>();
        boolean alive;

        Slot(RealServerPlan plan) {
            this(plan, Map.of());
        }

        /**
         * A slot whose checkers equal to one of {@code carried} (keyed by name) keep its state,
         * results and the weight a dynamic one had set; the others start as at startup (alpha
         * ones failed).
         */
        private Slot(RealServerPlan plan, Map<String, CheckerSeen> carried) {
            this.plan = plan;
            Map<String, Boolean> startFailed = new LinkedHashMap<>();
            for (CheckerPlan checker : plan.checkers()) {
                CheckerSeen prior = carried.get(checker.name());
                boolean kept = prior != null && prior.plan.equals(checker);
                startFailed.put(checker.name(), !kept && checker.spec().timing().alpha());
                checkers.put(checker.name(), kept ? prior : new CheckerSeen(checker, !checker.spec().timing().alpha()));
            }
            this.health = new RealServerHealth(plan.name(), plan.destination().weight(), startFailed);
            checkers.values().stream().filter(c -> !c.up && !startFailed.get(c.plan.name()))
                    .forEach(c -> health.onCheckEvent(new CheckEvent.Down(c.plan.name(),
                            CheckResult.failure("failed before the reload"), 1, false)));
            checkers.values().stream().filter(c -> c.up && c.weight.isPresent())
                    .forEach(c -> health.onCheckEvent(new CheckEvent.WeightChanged(c.plan.name(),
                            CheckResult.success("weight set before the reload"), OptionalInt.empty(), c.weight)));
            this.alive = health.isAlive();
        }

        /**
         * A reload changed some of the real server's checkers (keepalived's
         * {@code migrate_checkers()}): the unchanged ones carry their state over, the changed
         * and new ones start as at startup.
         */
        Slot migratedTo(RealServerPlan next) {
            return new Slot(next, checkers);
        }

        /**
         * The slot with a reload's new settings for the same real server and the same checkers:
         * health and checker results stay. A new configured weight needs a new
         * {@link RealServerHealth}: the failed checkers and the weights dynamic ones had set are
         * replayed into it.
         */
        Slot carriedTo(RealServerPlan next) {
            if (next.destination().weight() != plan.destination().weight()) {
                health = new Slot(next, checkers).health;
            }
            plan = next;
            return this;
        }
    }

    /** What the status shows of one checker. */
    private static final class CheckerSeen {
        final CheckerPlan plan;
        boolean up;
        Optional<CheckResult> lastResult = Optional.empty();
        long attempts;
        /** The weight a dynamic checker (misc_dynamic, FILE_CHECK) set; empty for none. */
        OptionalInt weight = OptionalInt.empty();

        CheckerSeen(CheckerPlan plan, boolean up) {
            this.plan = plan;
            this.up = up;
        }
    }

    public VirtualServerState(VirtualServerPlan plan) {
        this.plan = plan;
        for (RealServerPlan rs : plan.realServers()) {
            Slot slot = new Slot(rs);
            slots.add(slot);
            for (CheckerPlan checker : rs.checkers()) {
                if (byChecker.putIfAbsent(checker.name(), slot) != null) {
                    throw new IllegalArgumentException("duplicate checker name " + checker.name());
                }
            }
        }
        quorumUp = aliveWeight() >= plan.quorum() + plan.hysteresis();
    }

    /**
     * The state of a virtual server a reload kept ({@link ServerDiff.Kept}): its carried real
     * servers keep their health and checker results (with their new settings), restarted ones
     * keep those of their unchanged checkers, added ones start as at startup, and the quorum
     * state stays until {@link #afterReload()} re-evaluates it.
     */
    public VirtualServerState(ServerDiff.Kept diff, VirtualServerState previous) {
        this.plan = diff.after();
        Map<DestinationKey, Slot> old = new HashMap<>();
        previous.slots.forEach(slot -> old.putIfAbsent(slot.plan.destination().key(), slot));
        for (RealServerPlan rs : plan.realServers()) {
            Slot prior = old.get(rs.destination().key());
            Slot slot;
            if (prior != null && diff.carried().contains(rs)) {
                slot = prior.carriedTo(rs);
            } else if (prior != null && diff.restarted().contains(rs)) {
                slot = prior.migratedTo(rs);
            } else {
                slot = new Slot(rs);
            }
            slots.add(slot);
            for (CheckerPlan checker : rs.checkers()) {
                if (byChecker.putIfAbsent(checker.name(), slot) != null) {
                    throw new IllegalArgumentException("duplicate checker name " + checker.name());
                }
            }
        }
        quorumUp = previous.quorumUp;
    }

    public VirtualServerPlan plan() {
        return plan;
    }

    /**
     * What keepalived's {@code clear_service_rs()} reports when a reload removes real servers
     * of this (old) state: each one that was alive runs notify_down, writes its FIFO line and,
     * with smtp_alert, mails "=> Removing <=". Afterwards they count as dead here.
     */
    public List<ControllerEffect> removeRealServers(List<RealServerPlan> removed) {
        List<ControllerEffect> effects = new ArrayList<>();
        for (Slot slot : slots) {
            if (slot.alive && removed.contains(slot.plan)) {
                slot.alive = false;
                realServerNotifies(slot, false, false, effects);
                if (slot.plan.smtpAlert()) {
                    effects.add(new ControllerEffect.Alert(
                            new AlertEvent.RealServerRemoved(slot.plan.endpoint(), plan.id(), false), true));
                }
            }
        }
        return effects;
    }

    /**
     * A reload removed the whole virtual server: every alive real server is reported removed
     * ({@link #removeRealServers}), then a quorum that was up is reported lost.
     */
    public List<ControllerEffect> remove() {
        List<ControllerEffect> effects = removeRealServers(plan.realServers());
        if (quorumUp) {
            quorumUp = false;
            quorumNotifies(QuorumTransition.LOST, plan.quorum() - plan.hysteresis(), aliveWeight(), false, effects);
        }
        return effects;
    }

    /** After a reload built this state: the quorum re-evaluated with the new servers and rules. */
    public List<ControllerEffect> afterReload() {
        List<ControllerEffect> effects = new ArrayList<>();
        updateQuorum(false, effects);
        return effects;
    }

    /** Whether {@code checker} belongs to one of this virtual server's real servers. */
    public boolean hasChecker(String checker) {
        return byChecker.containsKey(checker);
    }

    public boolean quorumUp() {
        return quorumUp;
    }

    /** Whether the sorry server is in service (configured and the quorum is down). */
    public boolean sorryServerActive() {
        return plan.sorryServer().isPresent() && !quorumUp;
    }

    /** keepalived's {@code weigh_live_realservers()}: the sum of the alive servers' effective weights. */
    public long aliveWeight() {
        long sum = 0;
        for (Slot slot : slots) {
            if (slot.alive) {
                sum += slot.health.effectiveWeight();
            }
        }
        return sum;
    }

    /** The notifications due when the service is first installed ({@code init_service_vs()}). */
    public List<ControllerEffect> start() {
        List<ControllerEffect> effects = new ArrayList<>();
        updateQuorum(true, effects);
        return effects;
    }

    /** Records an attempt's result for the status (no state change: events carry those). */
    public void onCheckResult(String checker, CheckResult result) {
        Slot slot = slotOf(checker);
        CheckerSeen seen = slot.checkers.get(checker);
        seen.lastResult = Optional.of(result);
        seen.attempts++;
    }

    /** Applies one checker event; returns what to tell and run, in order. */
    public List<ControllerEffect> onCheckEvent(CheckEvent event) {
        Slot slot = slotOf(event.checker());
        List<ControllerEffect> effects = new ArrayList<>();
        CheckerSeen seen = slot.checkers.get(event.checker());
        mailCheckerChange(slot, seen, event, effects);
        switch (event) {
            case CheckEvent.Up up -> seen.up = true;
            case CheckEvent.Down down -> {
                seen.up = false;
                seen.weight = OptionalInt.empty();
            }
            case CheckEvent.WeightChanged change -> seen.weight = change.to();
            default -> { }
        }
        long weightBefore = slot.health.effectiveWeight();
        for (RealServerEvent change : slot.health.onCheckEvent(event)) {
            switch (change) {
                case RealServerEvent.Alive alive -> setAlive(slot, true, effects);
                case RealServerEvent.Dead dead when dead.initial() -> realServerNotifies(slot, false, false, effects);
                case RealServerEvent.Dead dead -> setAlive(slot, false, effects);
                case RealServerEvent.WeightChanged weight -> { }
            }
        }
        if (slot.alive && slot.health.effectiveWeight() != weightBefore) {
            updateQuorum(false, effects);
        }
        return effects;
    }

    /**
     * The notifications when the daemon stops ({@code clear_service_vs()} with
     * {@code stopping}). Only with {@code omega}: every alive real server is reported down
     * (notify_down, FIFO, "Shutting down" mail), then the quorum is reported down. Afterwards
     * every real server counts as dead.
     *
     * @param realServers false when the whole table is flushed at once (lvs_flush_on_stop),
     *                    where keepalived reports only the virtual servers
     */
    public List<ControllerEffect> stop(boolean realServers) {
        List<ControllerEffect> effects = new ArrayList<>();
        for (Slot slot : slots) {
            if (!slot.alive) {
                continue;
            }
            slot.alive = false;
            if (plan.omega() && realServers) {
                realServerNotifies(slot, false, true, effects);
                if (slot.plan.smtpAlert()) {
                    effects.add(new ControllerEffect.Alert(
                            new AlertEvent.RealServerRemoved(slot.plan.endpoint(), plan.id(), true), true));
                }
            }
        }
        quorumUp = false;
        if (plan.omega()) {
            quorumNotifies(QuorumTransition.SHUTTING_DOWN, plan.quorum() - plan.hysteresis(), aliveWeight(), true,
                    effects);
        }
        return effects;
    }

    /** The destinations this virtual server wants, newest first (as the kernel lists them after adding in file order). */
    public List<Destination> destinations() {
        boolean sorryActive = sorryServerActive();
        Map<DestinationKey, Destination> wanted = new LinkedHashMap<>();
        for (Slot slot : slots.reversed()) {
            tableWeight(slot, sorryActive).ifPresent(w ->
                    wanted.put(slot.plan.destination().key(), slot.plan.destination().withWeight(w)));
        }
        plan.sorryServer().ifPresent(sorry -> {
            DestinationKey key = sorry.destination().key();
            if (sorryActive) {
                wanted.put(key, sorry.destination());
            } else if (sorry.inhibit() && !wanted.containsKey(key)) {
                wanted.put(key, sorry.destination().withWeight(0));
            }
        });
        return List.copyOf(wanted.values());
    }

    /** One desired entry per service of this virtual server. */
    public List<ServiceEntry> entries() {
        List<Destination> destinations = destinations();
        List<ServiceEntry> entries = new ArrayList<>();
        for (VirtualService service : plan.services()) {
            entries.add(ServiceEntry.of(service, destinations));
        }
        return entries;
    }

    /** The status of this virtual server now. */
    public ControllerStatus.VirtualServer status() {
        boolean sorryActive = sorryServerActive();
        List<ControllerStatus.RealServer> servers = new ArrayList<>();
        for (Slot slot : slots) {
            List<ControllerStatus.Checker> checkers = slot.checkers.values().stream()
                    .map(c -> new ControllerStatus.Checker(c.plan.name(), c.plan.type(), c.up, c.lastResult, c.attempts))
                    .toList();
            servers.add(new ControllerStatus.RealServer(slot.plan.endpoint().text(), slot.alive,
                    slot.plan.destination().weight(), slot.health.effectiveWeight(), tableWeight(slot, sorryActive),
                    slot.plan.inhibitOnFailure(), checkers));
        }
        return new ControllerStatus.VirtualServer(plan.id().text(), plan.services().size(), quorumUp, plan.quorum(),
                plan.hysteresis(), aliveWeight(), sorryActive, servers);
    }

    private Optional<Integer> tableWeight(Slot slot, boolean sorryActive) {
        if (slot.alive && !sorryActive) {
            return Optional.of(slot.health.effectiveWeight());
        }
        return slot.plan.inhibitOnFailure() ? Optional.of(0) : Optional.empty();
    }

    private Slot slotOf(String checker) {
        Slot slot = byChecker.get(checker);
        if (slot == null) {
            throw new IllegalArgumentException("checker " + checker + " is not in virtual server " + plan.id().text());
        }
        return slot;
    }

    private void setAlive(Slot slot, boolean alive, List<ControllerEffect> effects) {
        if (slot.alive == alive) {
            return;
        }
        slot.alive = alive;
        realServerNotifies(slot, alive, false, effects);
        updateQuorum(false, effects);
    }

    /** keepalived's {@code do_rs_notifies()}: the script, then the FIFO line. */
    private void realServerNotifies(Slot slot, boolean up, boolean shuttingDown, List<ControllerEffect> effects) {
        Optional<ScriptCommand> script = up ? slot.plan.notifyUp() : slot.plan.notifyDown();
        script.ifPresent(s -> effects.add(new ControllerEffect.RunScript(s,
                (up ? "notify_up " : "notify_down ") + slot.plan.endpoint().text(), shuttingDown)));
        effects.add(new ControllerEffect.Alert(
                new AlertEvent.RealServerStateChanged(slot.plan.endpoint(), plan.id(), up), false));
    }

    /** The checker's own mail (the checkers' {@code smtp_alert(SMTP_MSG_RS, ...)} calls). */
    private void mailCheckerChange(Slot slot, CheckerSeen seen, CheckEvent event, List<ControllerEffect> effects) {
        if (!slot.plan.smtpAlert() || !seen.plan.type().mails()) {
            return;
        }
        CheckStatus status = switch (event) {
            case CheckEvent.Up up -> CheckStatus.SUCCEEDED;
            case CheckEvent.Down down when !down.initial() -> down.cause() instanceof CheckResult.TimedOut
                    && seen.plan.type() == dev.vigil.daemon.alert.CheckerType.MISC_CHECK
                    ? CheckStatus.TIMED_OUT : CheckStatus.FAILED;
            default -> null;
        };
        if (status != null) {
            effects.add(new ControllerEffect.Alert(new AlertEvent.RealServerChecked(slot.plan.endpoint(), plan.id(),
                    slot.alive, CheckerVerdict.of(seen.plan.type(), status)), true));
        }
    }

    /** keepalived's {@code update_quorum_state()}. */
    private void updateQuorum(boolean init, List<ControllerEffect> effects) {
        long sum = aliveWeight();
        long threshold = plan.quorum() + (quorumUp ? -plan.hysteresis() : plan.hysteresis());
        if (!quorumUp && sum >= threshold) {
            quorumUp = true;
            quorumNotifies(init ? QuorumTransition.STARTING_UP : QuorumTransition.GAINED, threshold, sum, false,
                    effects);
        } else if (quorumUp && (sum == 0 || sum < threshold)
                || init && !quorumUp && plan.sorryServer().isPresent()) {
            quorumUp = false;
            quorumNotifies(init ? QuorumTransition.STARTING_DOWN : QuorumTransition.LOST, threshold, sum, false,
                    effects);
        }
    }

    /** keepalived's {@code do_vs_notifies()}: the script, the FIFO line, the mail. */
    private void quorumNotifies(QuorumTransition transition, long threshold, long sum, boolean shuttingDown,
                                List<ControllerEffect> effects) {
        Optional<ScriptCommand> script = transition.up() ? plan.quorumUp() : plan.quorumDown();
        script.ifPresent(s -> effects.add(new ControllerEffect.RunScript(s,
                (transition.up() ? "quorum_up " : "quorum_down ") + plan.id().text(), shuttingDown)));
        effects.add(new ControllerEffect.Alert(new AlertEvent.QuorumChanged(plan.id(), transition, plan.quorum(),
                plan.hysteresis(), threshold, sum), plan.smtpAlert()));
    }
}
