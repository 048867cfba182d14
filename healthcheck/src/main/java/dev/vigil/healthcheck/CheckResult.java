package dev.vigil.healthcheck;

import java.time.Duration;
import java.util.Objects;

/**
 * What one check attempt found. A probe always completes with one of these, never with an
 * exception: environment problems (socket errors, a command that cannot start) are
 * {@link Failure}s, and running out of time is its own result, {@link TimedOut}.
 */
public sealed interface CheckResult {

    /** Whether the attempt counts as a success for up/down decisions. */
    default boolean isSuccess() {
        return this instanceof Success || this instanceof WeightedSuccess;
    }

    /** The server answered as required. */
    record Success(String detail) implements CheckResult {
        public Success {
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * Success with another real-server weight: MISC_CHECK with misc_dynamic, whose command
     * exited with status 2..255, meaning weight {@code status − 2} (0..253); FILE_CHECK, whose
     * file's weighted number moves the configured weight, possibly below 0: the server's weight
     * is clamped only once every checker's move is added up, as in keepalived.
     */
    record WeightedSuccess(int weight) implements CheckResult {
    }

    /** The server answered wrongly or refused; {@code reason} says how, for logs. */
    record Failure(String reason) implements CheckResult {
        public Failure {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Nothing came within the timeout.
     *
     * @param phase what was being waited for ("connect", "read", "TLS handshake",
     *              "reply", "command")
     * @param after the timeout that expired
     */
    record TimedOut(String phase, Duration after) implements CheckResult {
        public TimedOut {
            Objects.requireNonNull(phase, "phase");
            Objects.requireNonNull(after, "after");
        }
    }

    static CheckResult success(String detail) {
        return new Success(detail);
    }

    static CheckResult failure(String reason) {
        return new Failure(reason);
    }
}
