package dev.vigil.healthcheck.state;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The delay before a checker's first attempt: keepalived's {@code BOOTSTRAP_DELAY} (one
 * second, lib/scheduler.h) plus a random part in [0, warmup] so that checkers of the same
 * real server do not all fire at once (check_api.c {@code register_checkers_thread()}).
 */
public final class Warmup {

    /** keepalived waits TIMER_HZ (1 s) before any checker starts. */
    public static final Duration BOOTSTRAP_DELAY = Duration.ofSeconds(1);

    private Warmup() {
    }

    /** {@code bootstrapNanos} plus a uniformly random delay in [0, policy warmup]. */
    public static long firstDelayNanos(CheckPolicy policy, long bootstrapNanos, RandomGenerator random) {
        long spread = policy.warmupNanos() == 0 ? 0 : random.nextLong(policy.warmupNanos() + 1);
        return bootstrapNanos + spread;
    }
}
