package dev.vigil.daemon.run;

import dev.vigil.common.text.InetText;
import dev.vigil.daemon.adapt.VrrpAdapter;
import dev.vigil.daemon.adapt.VrrpNotifyPlan;
import dev.vigil.daemon.alert.AlertEvent;
import dev.vigil.daemon.alert.NotifyScriptArguments;
import dev.vigil.daemon.alert.VrrpMailFilter;
import dev.vigil.daemon.controller.ScriptCommand;
import dev.vigil.daemon.controller.ScriptRunner;
import dev.vigil.daemon.metrics.VrrpMetrics;
import dev.vigil.vrrp.codec.CheckVerdict.CheckReason;
import dev.vigil.vrrp.codec.RejectReason;
import dev.vigil.vrrp.fsm.TransitionReason;
import dev.vigil.vrrp.fsm.VrrpState;
import dev.vigil.vrrp.runtime.InstanceSnapshot;
import dev.vigil.vrrp.runtime.VrrpEventListener;
import dev.vigil.vrrp.runtime.VrrpInstanceSettings;
import java.net.InetAddress;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's {@link VrrpEventListener}: logs transitions in keepalived's words
 * ({@code (VI_1) Entering MASTER STATE}), feeds {@link VrrpMetrics}, and for each state change
 * does what keepalived's vrrp_notify.c does, in its order: the {@code notify_<state>} script,
 * the {@code notify} script with {@code INSTANCE <name> <state> <priority>}, the FIFO line,
 * then the mail (when {@code smtp_alert} applies and {@link VrrpMailFilter} admits it). A sync
 * group's change does the same with the group's plan and keepalived's {@code GROUP <name> <state>}
 * arguments (vrrp_notify.c notify_group_instance / send_group_notifies).
 *
 * <p>Runs on the VRRP event loop and never blocks it: scripts start on the
 * {@link ScriptRunner}'s threads, FIFO lines and mails are queued.
 */
final class VrrpNotifier implements VrrpEventListener {

    private static final Logger LOG = LoggerFactory.getLogger("dev.vigil.daemon.vrrp");

    /** Replaced by {@link #update} at a reload; read on the loop. */
    private volatile Map<String, VrrpNotifyPlan> plans;
    private volatile Map<String, VrrpNotifyPlan> groupPlans;
    private volatile Map<String, Integer> priorities;
    private final ScriptRunner scripts;
    private final AlertChannels alerts;
    private final VrrpMetrics metrics;
    /** Used on the VRRP event loop and by {@link #forget}; guarded by itself. */
    private final VrrpMailFilter mailFilter;
    private final Clock clock;
    /** Written on the loop, read by dumps: wall-clock seconds of each instance's last transition. */
    private final Map<String, Double> lastTransition = new ConcurrentHashMap<>();
    private volatile boolean shuttingDown;

    VrrpNotifier(List<VrrpInstanceSettings> instances, List<VrrpNotifyPlan> plans, ScriptRunner scripts,
                 AlertChannels alerts, VrrpMetrics metrics, boolean noEmailFaults, Clock clock) {
        this(instances, plans, List.of(), scripts, alerts, metrics, noEmailFaults, clock);
    }

    /** @param groupPlans one plan per sync group, {@link VrrpNotifyPlan#instance()} being the group's name */
    VrrpNotifier(List<VrrpInstanceSettings> instances, List<VrrpNotifyPlan> plans, List<VrrpNotifyPlan> groupPlans,
                 ScriptRunner scripts, AlertChannels alerts, VrrpMetrics metrics, boolean noEmailFaults,
                 Clock clock) {
        update(instances, plans, groupPlans);
        this.scripts = scripts;
        this.alerts = alerts;
        this.metrics = metrics;
        this.mailFilter = new VrrpMailFilter(noEmailFaults);
        this.clock = clock;
    }

    /**
     * A reload: the notify plans and priorities of the new configuration, from now on. Call it
     * after the runtime has applied the reload, so instances it deleted were reported with their
     * old plans.
     */
    void update(List<VrrpInstanceSettings> instances, List<VrrpNotifyPlan> instancePlans,
                List<VrrpNotifyPlan> syncGroupPlans) {
        this.plans = instancePlans.stream().collect(Collectors.toUnmodifiableMap(VrrpNotifyPlan::instance,
                Function.identity()));
        this.groupPlans = syncGroupPlans.stream().collect(Collectors.toUnmodifiableMap(VrrpNotifyPlan::instance,
                Function.identity()));
        this.priorities = instances.stream().collect(Collectors.toUnmodifiableMap(VrrpInstanceSettings::name,
                VrrpInstanceSettings::priority));
    }

    /** A reload's {@code no_email_faults}, from the next state change on. */
    void noEmailFaults(boolean on) {
        synchronized (mailFilter) {
            mailFilter.setNoEmailFaults(on);
        }
    }

    /** Forgets an instance or group a reload removed (last mailed state, last transition). */
    void forget(String name) {
        synchronized (mailFilter) {
            mailFilter.forget(name);
        }
        lastTransition.remove(name);
    }

    /** From now on scripts run as shutdown scripts (keepalived's notify_stop at exit). */
    void shuttingDown() {
        shuttingDown = true;
    }

    /** Seconds since the epoch of the instance's last transition, if it had one. */
    Optional<Double> lastTransition(String instance) {
        return Optional.ofNullable(lastTransition.get(instance));
    }

    /** A change reported without a priority: the configured one stands in. */
    @Override
    public void stateChanged(String instance, VrrpState from, VrrpState to, TransitionReason reason) {
        stateChanged(instance, from, to, reason, priorities.getOrDefault(instance, 0));
    }

    /**
     * The notify script arguments and the FIFO line carry the effective priority, as
     * keepalived's (vrrp_notify.c passes {@code vrrp->effective_priority}): a master that a
     * failing track_script of weight -30 sends to BACKUP reports 120, not its configured 150.
     */
    @Override
    public void stateChanged(String instance, VrrpState from, VrrpState to, TransitionReason reason,
                             int effectivePriority) {
        lastTransition.put(instance, clock.millis() / 1000.0);
        logTransition(instance, from, to, reason);
        metrics.onStateChange(instance, from, to);
        VrrpNotifyPlan plan = plans.getOrDefault(instance, VrrpNotifyPlan.none(instance));
        Optional<dev.vigil.daemon.alert.VrrpState> reported = reason == TransitionReason.DELETED
                ? deleted(plan, from) : reported(to);
        if (reported.isEmpty()) {
            return;
        }
        AlertEvent.InstanceStateChanged event = new AlertEvent.InstanceStateChanged(instance, reported.get(),
                effectivePriority);
        stateScript(plan, reported.get()).ifPresent(s -> run(s, instance, reported.get()));
        plan.any().ifPresent(s -> NotifyScriptArguments.of(event)
                .ifPresent(args -> run(VrrpAdapter.withArguments(s, args), instance, reported.get())));
        boolean mail;
        synchronized (mailFilter) {
            mail = alerts.mailConfigured() && mailFilter.admit(event, plan.smtpAlert());
        }
        alerts.vrrp(event, mail);
    }

    /**
     * keepalived (vrrp.c clear_diff_vrrp, vrrp_notify.c send_instance_notifies): a deleted
     * instance reports DELETED with {@code notify_deleted}, else FAULT, and nothing when it was
     * already in FAULT without {@code notify_deleted}.
     */
    private static Optional<dev.vigil.daemon.alert.VrrpState> deleted(VrrpNotifyPlan plan, VrrpState from) {
        if (plan.notifyDeleted()) {
            return Optional.of(dev.vigil.daemon.alert.VrrpState.DELETED);
        }
        return from == VrrpState.FAULT ? Optional.empty() : Optional.of(dev.vigil.daemon.alert.VrrpState.FAULT);
    }

    /**
     * keepalived's {@code fifo_write_vrrp_states_on_reload}: after a reload, every sync
     * group's and then every instance's current state goes to the notify FIFOs as the line of
     * a state change ({@code GROUP "G1" MASTER 0}, {@code INSTANCE "VI_1" MASTER 100} with the
     * effective priority), in keepalived's order (vrrp_scheduler.c {@code vrrp_init_state}),
     * so that a FIFO reader restarted with the reload learns where things stand. FIFO lines
     * only: no script runs and no mail is sent. keepalived 2.2.7 leaves out the instances that
     * stay MASTER across the reload; Vigil writes them too, or such a reader would never learn
     * them. A group or instance still in INIT has no state to report yet; its first
     * transition writes its line.
     */
    void writeStatesToFifos(List<InstanceSnapshot> instances, Map<String, VrrpState> groups) {
        groups.forEach((group, state) -> reported(state).ifPresent(
                reportedState -> alerts.vrrp(new AlertEvent.SyncGroupStateChanged(group, reportedState), false)));
        for (InstanceSnapshot instance : instances) {
            reported(instance.state()).ifPresent(state -> alerts.vrrp(new AlertEvent.InstanceStateChanged(
                    instance.name(), state, instance.effectivePriority()), false));
        }
    }

    @Override
    public void groupStateChanged(String group, VrrpState from, VrrpState to) {
        Optional<dev.vigil.daemon.alert.VrrpState> reported = reported(to);
        if (reported.isEmpty()) {
            LOG.debug("VRRP_Group({}) back to INIT from {}", group, from);
            return;
        }
        LOG.info("VRRP_Group({}) Syncing instances to {} state", group, reported.get().keyword());
        VrrpNotifyPlan plan = groupPlans.getOrDefault(group, VrrpNotifyPlan.none(group));
        AlertEvent.SyncGroupStateChanged event = new AlertEvent.SyncGroupStateChanged(group, reported.get());
        String subject = "VRRP_Group(" + group + ")";
        stateScript(plan, reported.get()).ifPresent(s -> scripts.run(s, subject + " " + reported.get().keyword(),
                shuttingDown));
        plan.any().ifPresent(s -> NotifyScriptArguments.of(event).ifPresent(args -> scripts.run(
                VrrpAdapter.withArguments(s, args), subject + " " + reported.get().keyword(), shuttingDown)));
        boolean mail;
        synchronized (mailFilter) {
            mail = alerts.mailConfigured() && mailFilter.admit(event, plan.smtpAlert());
        }
        alerts.vrrp(event, mail);
    }

    @Override
    public void packetRejected(String instance, RejectReason reason, String detail) {
        if (instance != null) {
            metrics.onAdvertRejected(instance, reason.name());
        }
        LOG.debug("({}) packet refused: {} {}", instance == null ? "?" : instance, reason, detail);
    }

    @Override
    public void advertRefused(String instance, CheckReason reason, boolean dropped, String detail) {
        if (!dropped) {
            metrics.onAdvertRejected(instance, reason.name());
        }
        LOG.debug("({}) advert {}: {} {}", instance, dropped ? "ignored" : "refused", reason, detail);
    }

    @Override
    public void masterReceivedLowerPriority(String instance, InetAddress source, int priority) {
        LOG.info("({}) Received advert from {} with lower priority {}", instance, InetText.format(source), priority);
        alerts.vrrp(new AlertEvent.MasterReceivedLowerPriority(instance, priority), false);
    }

    @Override
    public void ioFailed(String instance, String action, Exception failure) {
        LOG.warn("({}) {} failed: {}", instance, action, failure.getMessage());
    }

    private static void logTransition(String instance, VrrpState from, VrrpState to, TransitionReason reason) {
        switch (to) {
            case MASTER, BACKUP, FAULT -> LOG.info("({}) Entering {} STATE{}", instance, to,
                    reason == TransitionReason.STARTUP ? " (init)" : "");
            case STOPPED -> LOG.info("({}) {}", instance, reason == TransitionReason.DELETED
                    ? "Removed by the reload" : "Stopped");
            case INIT -> LOG.debug("({}) back to INIT from {}", instance, from);
        }
        LOG.debug("({}) {} -> {} because {}", instance, from, to, reason);
    }

    /** The state keepalived reports for {@code to}; INIT is not reported. */
    static Optional<dev.vigil.daemon.alert.VrrpState> reported(VrrpState to) {
        return switch (to) {
            case MASTER -> Optional.of(dev.vigil.daemon.alert.VrrpState.MASTER);
            case BACKUP -> Optional.of(dev.vigil.daemon.alert.VrrpState.BACKUP);
            case FAULT -> Optional.of(dev.vigil.daemon.alert.VrrpState.FAULT);
            case STOPPED -> Optional.of(dev.vigil.daemon.alert.VrrpState.STOP);
            case INIT -> Optional.empty();
        };
    }

    private static Optional<ScriptCommand> stateScript(VrrpNotifyPlan plan, dev.vigil.daemon.alert.VrrpState state) {
        return switch (state) {
            case MASTER -> plan.master();
            case BACKUP -> plan.backup();
            case FAULT -> plan.fault();
            case STOP -> plan.stop();
            case DELETED -> plan.deleted();
        };
    }

    private void run(ScriptCommand script, String instance, dev.vigil.daemon.alert.VrrpState state) {
        scripts.run(script, "(" + instance + ") " + state.keyword(), shuttingDown);
    }
}
