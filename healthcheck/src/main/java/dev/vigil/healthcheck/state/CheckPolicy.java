package dev.vigil.healthcheck.state;

import dev.vigil.healthcheck.CheckKind;
import dev.vigil.healthcheck.CheckSpec;
import dev.vigil.healthcheck.CheckTiming;

/**
 * The numbers a {@link CheckerState} needs, in nanoseconds.
 *
 * @param retry                 retries before declaring down
 * @param delayLoopNanos        pause after a success (or a failure that changes nothing)
 * @param delayBeforeRetryNanos pause before a retry
 * @param downRecheckNanos      pause between checks while down: the delay_loop, except
 *                              HTTP_GET/SSL_GET, which wait max(delay_before_retry,
 *                              delay_loop) after a failed url (check_http.c {@code epilog()})
 * @param warmupNanos           upper bound of the random delay before the first check
 * @param alpha                 start down
 * @param delayFromAttemptStart delays count from the start of the attempt rather than its
 *                              end: MISC_CHECK schedules from when the script was started
 *                              (check_misc.c {@code last_ran})
 * @param retryEveryCycle       SMTP_CHECK's rule (check_smtp.c {@code smtp_final()}): every
 *                              regular check starts with a fresh retry count, so failures are
 *                              retried even while down and even on the very first check
 */
public record CheckPolicy(int retry, long delayLoopNanos, long delayBeforeRetryNanos,
                          long downRecheckNanos, long warmupNanos, boolean alpha,
                          boolean delayFromAttemptStart, boolean retryEveryCycle) {

    public CheckPolicy {
        if (retry < 0 || delayLoopNanos <= 0 || delayBeforeRetryNanos < 0
                || downRecheckNanos <= 0 || warmupNanos < 0) {
            throw new IllegalArgumentException("invalid check policy");
        }
    }

    /** The policy keepalived applies to a checker of this spec. */
    public static CheckPolicy of(CheckSpec spec) {
        CheckTiming timing = spec.timing();
        long loop = timing.delayLoop().toNanos();
        long beforeRetry = timing.delayBeforeRetry().toNanos();
        boolean http = spec.kind() == CheckKind.HTTP_GET || spec.kind() == CheckKind.SSL_GET;
        return new CheckPolicy(timing.retry(), loop, beforeRetry,
                http ? Math.max(loop, beforeRetry) : loop, timing.warmup().toNanos(),
                timing.alpha(), spec.kind() == CheckKind.MISC_CHECK, spec.kind() == CheckKind.SMTP_CHECK);
    }

    /** A policy with keepalived's common rules (not MISC's start-based delays, not SMTP's retries). */
    public static CheckPolicy of(int retry, long delayLoopNanos, long delayBeforeRetryNanos,
                                 long downRecheckNanos, long warmupNanos, boolean alpha) {
        return new CheckPolicy(retry, delayLoopNanos, delayBeforeRetryNanos, downRecheckNanos, warmupNanos,
                alpha, false, false);
    }
}
