package dev.vigil.vrrp.runtime;

import dev.vigil.vrrp.track.TrackerSpec;
import dev.vigil.vrrp.track.Weight;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code vrrp_script} definition (keepalived reference §1.1 "track_script"): run every
 * {@code interval} by the runtime's {@link ScriptExecutor}; its exit statuses go through
 * rise/fall counting ({@link dev.vigil.vrrp.track.ScriptHealth}) shared by every instance that
 * tracks it. Instances track it with a {@link TrackerSpec.Script} built by {@link #trackedWith}.
 *
 * @param name     the script's name ({@code vrrp_script NAME})
 * @param command  {@code script}, already split into program and arguments
 * @param interval {@code interval} between the starts of two runs (keepalived default 1 s)
 * @param timeout  {@code timeout}: a run still going after this is killed and counts as a failure
 *                 (keepalived's default is the interval)
 * @param rise     {@code rise}, at least 1
 * @param fall     {@code fall}, at least 1
 * @param weight   {@code weight N [reverse]}, the default for instances tracking it
 * @param initFail {@code init_fail}: FAILED until it has succeeded {@code rise} times
 * @param user     {@code user}: not applied (scripts run as the daemon's user); logged once
 */
public record VrrpScript(String name, List<String> command, Duration interval, Duration timeout, int rise, int fall,
                         Weight weight, boolean initFail, Optional<String> user) {

    /** keepalived's default {@code interval}. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

    public VrrpScript {
        Objects.requireNonNull(name, "name");
        command = List.copyOf(command);
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(weight, "weight");
        Objects.requireNonNull(user, "user");
        if (command.isEmpty()) {
            throw new IllegalArgumentException("vrrp_script " + name + " has no command");
        }
        if (!interval.isPositive() || !timeout.isPositive()) {
            throw new IllegalArgumentException("vrrp_script " + name + ": interval and timeout must be positive");
        }
        if (rise < 1 || fall < 1) {
            throw new IllegalArgumentException("vrrp_script " + name + ": rise and fall are at least 1");
        }
    }

    /** keepalived's defaults: every second, timeout = interval, rise 1, fall 1, weight 0. */
    public static VrrpScript of(String name, List<String> command) {
        return new VrrpScript(name, command, DEFAULT_INTERVAL, DEFAULT_INTERVAL, 1, 1, Weight.FAULT_ONLY, false,
                Optional.empty());
    }

    public VrrpScript withInterval(Duration newInterval, Duration newTimeout) {
        return new VrrpScript(name, command, newInterval, newTimeout, rise, fall, weight, initFail, user);
    }

    public VrrpScript withRiseFall(int newRise, int newFall) {
        return new VrrpScript(name, command, interval, timeout, newRise, newFall, weight, initFail, user);
    }

    public VrrpScript withWeight(Weight newWeight) {
        return new VrrpScript(name, command, interval, timeout, rise, fall, newWeight, initFail, user);
    }

    public VrrpScript withInitFail(boolean newInitFail) {
        return new VrrpScript(name, command, interval, timeout, rise, fall, weight, newInitFail, user);
    }

    /** The script's own weight, for {@code track_script { NAME }}. */
    public TrackerSpec.Script trackedWith() {
        return new TrackerSpec.Script(name, weight);
    }

    /**
     * {@code track_script { NAME weight N [reverse|noreverse] }}: a null argument keeps the
     * script's value ({@link TrackerSpec.Script#resolve}).
     */
    public TrackerSpec.Script trackedWith(Integer weightOverride, Boolean reverseOverride) {
        return new TrackerSpec.Script(name, TrackerSpec.Script.resolve(weight, weightOverride, reverseOverride));
    }
}
