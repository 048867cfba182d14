package dev.vigil.vrrp.runtime;

import java.util.Objects;
import java.util.Optional;

/**
 * One tracker of one instance as {@link VrrpRuntime#snapshot()} saw it, for status output.
 *
 * @param key           "interface eth1", "script chk_nginx", "file /run/prio" ({@link dev.vigil.vrrp.track.TrackerSpec#key()})
 * @param weight        the weight in effect (0 = FAULT-only), after sync-group and owner rules
 * @param reverse       {@code reverse}
 * @param observed      what the runtime last saw: "up"/"down", the script status with its last
 *                      outcome, "value N"
 * @param priorityDelta what it adds to the instance's priority now
 * @param fault         why it holds the instance in FAULT, if it does
 */
public record TrackerState(String key, int weight, boolean reverse, String observed, int priorityDelta,
                           Optional<String> fault) {
    public TrackerState {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(observed, "observed");
        Objects.requireNonNull(fault, "fault");
    }
}
