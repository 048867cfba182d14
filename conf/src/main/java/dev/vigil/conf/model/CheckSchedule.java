package dev.vigil.conf.model;

import java.time.Duration;
import java.util.Objects;

/**
 * When a checker runs, resolved as keepalived does ({@code check_data.c}): each value comes
 * from the checker, else the real_server, else the virtual_server, else the checker type's
 * default (retry 1, DNS 3, MISC 0; delay_before_retry 1 s, HTTP/SSL 3 s, DNS = delay_loop;
 * warmup = delay_loop, meaning a random start delay in [0, warmup]).
 */
public record CheckSchedule(
        Duration delayLoop,
        int retry,
        Duration delayBeforeRetry,
        Duration warmup,
        boolean alpha,
        boolean logAllFailures) {

    public CheckSchedule {
        Objects.requireNonNull(delayLoop, "delayLoop");
        Objects.requireNonNull(delayBeforeRetry, "delayBeforeRetry");
        Objects.requireNonNull(warmup, "warmup");
    }
}
