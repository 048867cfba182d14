package dev.vigil.healthcheck;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * What a checker tells the daemon. State changes ({@link Up}, {@link Down}) follow
 * keepalived's rules in {@code dev.vigil.healthcheck.state}; {@link AttemptFailed} reports a
 * failure that did not (yet) change the state, for {@code log_all_failures}.
 */
public sealed interface CheckEvent {

    /** The checker whose state this is, as the daemon named it. */
    String checker();

    /** The attempt result that caused the event. */
    CheckResult cause();

    /** The checker went from down to up (a first success with alpha, or a recovery). */
    record Up(String checker, CheckResult cause) implements CheckEvent {
        public Up {
            Objects.requireNonNull(checker, "checker");
            Objects.requireNonNull(cause, "cause");
        }
    }

    /**
     * The checker is down.
     *
     * @param failedAttempts consecutive failed attempts that led here (1 + retries used)
     * @param initial        true when this confirms the starting state rather than changing
     *                       it: the first check of an alpha checker failed. keepalived runs the
     *                       down notifiers in that case too (ipwrapper.c
     *                       {@code update_svr_checker_state()})
     */
    record Down(String checker, CheckResult cause, int failedAttempts, boolean initial)
            implements CheckEvent {
        public Down {
            Objects.requireNonNull(checker, "checker");
            Objects.requireNonNull(cause, "cause");
        }
    }

    /**
     * MISC_CHECK with misc_dynamic set a new weight; empty means "back to the configured
     * weight" (exit status 0).
     */
    record WeightChanged(String checker, CheckResult cause, OptionalInt from, OptionalInt to)
            implements CheckEvent {
        public WeightChanged {
            Objects.requireNonNull(checker, "checker");
            Objects.requireNonNull(cause, "cause");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }

    /**
     * A failed attempt that leads to a retry (while up; SMTP_CHECK also retries while down).
     *
     * @param retry   which retry comes next, 1-based
     * @param retries the configured retry count
     */
    record AttemptFailed(String checker, CheckResult cause, int retry, int retries)
            implements CheckEvent {
        public AttemptFailed {
            Objects.requireNonNull(checker, "checker");
            Objects.requireNonNull(cause, "cause");
        }
    }
}
