package dev.vigil.vrrp.track;

import dev.vigil.vrrp.fsm.Input;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns observations of one instance's tracked objects into state-machine inputs: the total
 * priority (base + Σ weights, {@link Input.PriorityChanged}; the machine clamps it to 1..254 and
 * an owner ignores it), the tracker FAULT ({@link Input.FaultChanged}, set while any weight-0
 * tracker is down or a file result is at or below -254) and the link of the instance's own
 * interfaces, its primary one and its VMAC ({@link Input.LinkChanged}, unless
 * {@code dont_track_primary}).
 *
 * <p>Every contribution is computed from the current observations (keepalived updates its
 * total incrementally; for the same observations both give the same sum). Before any
 * observation interfaces count as up, scripts as {@link ScriptHealth}'s initial status
 * ({@code PENDING}, or {@code FAILED} with {@code init_fail}) and files as 0 (the runtime feeds
 * the {@code init_file} value or what the file holds). Feed {@link #initialInputs()} to the
 * machine before {@link Input.Startup}. Names not tracked are ignored. Not thread-safe.
 */
public final class InstanceTracking {

    /** keepalived vrrp_set_effective_priority: trackers keep a non-owner within 1..254. */
    private static final int MIN_EFFECTIVE = 1;
    private static final int MAX_EFFECTIVE = 254;

    private final TrackingSettings settings;
    private final Map<String, TrackerSpec> byKey = new LinkedHashMap<>();
    private final Map<String, Boolean> interfaceUp = new HashMap<>();
    private final Map<String, ScriptStatus> scriptStatus = new HashMap<>();
    private final Map<String, Long> fileValue = new HashMap<>();
    /** The own interfaces seen down (keepalived: the VMAC or its base interface). */
    private final Set<String> ownDown = new HashSet<>();
    private int reportedTotal;
    private boolean reportedFault;

    /**
     * @param initialScripts each tracked script's status now (from its shared {@link ScriptHealth});
     *                       a script missing here counts as {@link ScriptStatus#PENDING}
     */
    public InstanceTracking(TrackingSettings settings, Map<String, ScriptStatus> initialScripts) {
        this.settings = Objects.requireNonNull(settings, "settings");
        for (TrackerSpec t : settings.trackers()) {
            byKey.put(t.key(), t);
            if (t instanceof TrackerSpec.Script s) {
                scriptStatus.put(s.name(), initialScripts.getOrDefault(s.name(), ScriptStatus.PENDING));
            }
        }
        this.reportedTotal = settings.basePriority();
    }

    /** What this tracks. */
    public TrackingSettings settings() {
        return settings;
    }

    /** The inputs that bring a fresh state machine in line with the trackers (may be empty). */
    public List<Input> initialInputs() {
        List<Input> out = new ArrayList<>();
        report(out);
        if (!linkUp()) {
            out.add(new Input.LinkChanged(false));
        }
        return List.copyOf(out);
    }

    /** An interface went up or down; it may be the primary one, a tracked one, or both. */
    public List<Input> interfaceChanged(String name, boolean up) {
        List<Input> out = new ArrayList<>();
        if (settings.ownInterface(name) && !settings.dontTrackPrimary()) {
            boolean before = ownDown.isEmpty();
            if (up) {
                ownDown.remove(name);
            } else {
                ownDown.add(name);
            }
            if (ownDown.isEmpty() != before) {
                out.add(new Input.LinkChanged(ownDown.isEmpty()));
            }
        }
        if (byKey.containsKey(new TrackerSpec.Interface(name, Weight.FAULT_ONLY).key())) {
            interfaceUp.put(name, up);
            report(out);
        }
        return List.copyOf(out);
    }

    /** A tracked script's status changed ({@link ScriptHealth#record} returned it). */
    public List<Input> scriptChanged(String name, ScriptStatus status) {
        Objects.requireNonNull(status, "status");
        if (!scriptStatus.containsKey(name)) {
            return List.of();
        }
        scriptStatus.put(name, status);
        List<Input> out = new ArrayList<>();
        report(out);
        return List.copyOf(out);
    }

    /** A tracked file now holds {@code value} ({@link dev.vigil.common.text.FileValue#parse}). */
    public List<Input> fileChanged(String name, long value) {
        if (!byKey.containsKey(new TrackerSpec.File(name, Weight.FAULT_ONLY).key())) {
            return List.of();
        }
        fileValue.put(name, value);
        List<Input> out = new ArrayList<>();
        report(out);
        return List.copyOf(out);
    }

    /** Whether the own interfaces count as up for {@link Input.Startup}. */
    public boolean linkUp() {
        return ownDown.isEmpty() || settings.dontTrackPrimary();
    }

    /** Base + Σ weights, unclamped (keepalived {@code total_priority}); the base alone for an owner. */
    public int totalPriority() {
        if (settings.owner()) {
            return settings.basePriority();
        }
        int total = settings.basePriority();
        for (TrackerSpec t : byKey.values()) {
            total += contribution(t).priorityDelta();
        }
        return total;
    }

    /** What keepalived would advertise: the total clamped to 1..254, or 255 for an owner. */
    public int effectivePriority() {
        return settings.owner() ? settings.basePriority() : Math.clamp(totalPriority(), MIN_EFFECTIVE, MAX_EFFECTIVE);
    }

    /** Trackers holding the instance in FAULT: key → reason, sorted by key. */
    public Map<String, String> faults() {
        Map<String, String> out = new TreeMap<>();
        for (TrackerSpec t : byKey.values()) {
            contribution(t).fault().ifPresent(reason -> out.put(t.key(), reason));
        }
        return out;
    }

    /** One tracker's current contribution. */
    public Contribution contribution(TrackerSpec tracker) {
        return switch (tracker) {
            case TrackerSpec.Interface i -> i.contribution(interfaceUp.getOrDefault(i.name(), true));
            case TrackerSpec.Script s -> s.contribution(scriptStatus.getOrDefault(s.name(), ScriptStatus.PENDING));
            case TrackerSpec.File f -> f.contribution(fileValue.getOrDefault(f.name(), 0L));
        };
    }

    private void report(List<Input> out) {
        int total = totalPriority();
        if (total != reportedTotal) {
            reportedTotal = total;
            out.add(new Input.PriorityChanged(total));
        }
        Map<String, String> faults = faults();
        boolean fault = !faults.isEmpty();
        if (fault != reportedFault) {
            reportedFault = fault;
            out.add(new Input.FaultChanged(fault, String.join(", ", faults.values())));
        }
    }
}
