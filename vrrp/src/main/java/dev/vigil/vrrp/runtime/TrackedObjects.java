package dev.vigil.vrrp.runtime;

import dev.vigil.vrrp.fsm.Input;
import dev.vigil.vrrp.runtime.InstanceDriver.Observations;
import dev.vigil.vrrp.track.Contribution;
import dev.vigil.vrrp.track.InstanceTracking;
import dev.vigil.vrrp.track.ScriptStatus;
import dev.vigil.vrrp.track.TrackerSpec;
import dev.vigil.vrrp.track.TrackingSettings;
import dev.vigil.vrrp.track.Weight;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One instance's trackers as its {@link InstanceDriver} holds them: the pure
 * {@link InstanceTracking} that turns observations into inputs, and what was last observed of
 * each tracked object, in words, for snapshots. A reload that changes the trackers replaces
 * the whole object ({@link #reloaded}). Confined to the event loop.
 */
final class TrackedObjects {

    private final InstanceTracking tracking;
    /** Tracker key → what was last observed. */
    private final Map<String, String> observed = new LinkedHashMap<>();

    /** At start: every interface up, scripts as given (missing = pending), files 0. */
    TrackedObjects(TrackingSettings settings, Map<String, ScriptStatus> initialScripts) {
        this.tracking = new InstanceTracking(settings, initialScripts);
        for (TrackerSpec t : settings.trackers()) {
            observed.put(t.key(), switch (t) {
                case TrackerSpec.Interface i -> "up";
                case TrackerSpec.Script s -> initialScripts.getOrDefault(s.name(), ScriptStatus.PENDING).toString();
                case TrackerSpec.File f -> "value 0";
            });
        }
    }

    /**
     * At a reload: new trackers fed with what is observed now; the words of objects tracked
     * before are kept (a script's last outcome, say).
     */
    static TrackedObjects reloaded(TrackingSettings next, Observations now, TrackedObjects previous) {
        TrackedObjects fresh = new TrackedObjects(next, now.scripts());
        fresh.tracking.interfaceChanged(next.primaryInterface(),
                now.links().getOrDefault(next.primaryInterface(), true));
        next.virtualMac().ifPresent(vmac -> fresh.tracking.interfaceChanged(vmac, now.links().getOrDefault(vmac, true)));
        for (TrackerSpec t : next.trackers()) {
            switch (t) {
                case TrackerSpec.Interface i -> {
                    boolean up = now.links().getOrDefault(i.name(), true);
                    fresh.tracking.interfaceChanged(i.name(), up);
                    fresh.observed.put(t.key(), up ? "up" : "down");
                }
                case TrackerSpec.File f -> {
                    long value = now.files().getOrDefault(f.name(), 0L);
                    fresh.tracking.fileChanged(f.name(), value);
                    fresh.observed.put(t.key(), "value " + value);
                }
                case TrackerSpec.Script s -> fresh.observed.put(t.key(),
                        previous.observed.getOrDefault(t.key(), fresh.observed.get(t.key())));
            }
        }
        return fresh;
    }

    TrackingSettings settings() {
        return tracking.settings();
    }

    /** The inputs that bring a fresh machine in line (before its Startup). */
    List<Input> initialInputs() {
        return tracking.initialInputs();
    }

    /**
     * The inputs that bring a running machine in line with these trackers: the total priority,
     * the tracker FAULT and the primary link, each applied by the machine only if it differs.
     */
    List<Input> currentInputs() {
        Map<String, String> faults = tracking.faults();
        return List.of(new Input.PriorityChanged(tracking.totalPriority()),
                new Input.FaultChanged(!faults.isEmpty(), String.join(", ", faults.values())),
                new Input.LinkChanged(tracking.linkUp()));
    }

    /** Whether the primary interface counts as up. */
    boolean linkUp() {
        return tracking.linkUp();
    }

    List<Input> interfaceChanged(String interfaceName, boolean up) {
        observed.computeIfPresent(new TrackerSpec.Interface(interfaceName, Weight.FAULT_ONLY).key(),
                (k, v) -> up ? "up" : "down");
        return tracking.interfaceChanged(interfaceName, up);
    }

    List<Input> scriptChanged(String script, ScriptStatus status, String outcome) {
        observed.computeIfPresent(new TrackerSpec.Script(script, Weight.FAULT_ONLY).key(),
                (k, v) -> status + " (last run: " + outcome + ")");
        return tracking.scriptChanged(script, status);
    }

    List<Input> fileChanged(String file, long value) {
        observed.computeIfPresent(new TrackerSpec.File(file, Weight.FAULT_ONLY).key(), (k, v) -> "value " + value);
        return tracking.fileChanged(file, value);
    }

    /** Each tracker's state, in order, for a snapshot. */
    List<TrackerState> states() {
        List<TrackerState> out = new ArrayList<>();
        for (TrackerSpec t : tracking.settings().trackers()) {
            Contribution c = tracking.contribution(t);
            out.add(new TrackerState(t.key(), t.weight().value(), t.weight().reverse(), observed.get(t.key()),
                    c.priorityDelta(), c.fault()));
        }
        return out;
    }
}
