package dev.vigil.conf.model;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code vrrp_script} block. Defaults are keepalived's: interval 1 s, timeout = interval,
 * weight 0 (failure means FAULT), rise 1, fall 1.
 *
 * @param timeout empty means "the interval"
 * @param initFail start in the failed state
 */
public record VrrpScript(
        String name,
        String script,
        Duration interval,
        Optional<Duration> timeout,
        int weight,
        boolean reverse,
        int rise,
        int fall,
        Optional<ScriptUser> user,
        boolean initFail) {

    public VrrpScript {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(interval, "interval");
    }
}
