package dev.vigil.healthcheck.state;

import dev.vigil.healthcheck.CheckEvent;
import dev.vigil.healthcheck.CheckResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One checker's up/down state with keepalived's retry rules.
 *
 * <ul>
 *   <li>Start: up, or down with alpha; not yet run.</li>
 *   <li>A success brings a down checker up ({@link CheckEvent.Up}) and resets the retry
 *       count; the next attempt follows after delay_loop.</li>
 *   <li>A failure while up: the first {@code retry} failures in a row are retried after
 *       delay_before_retry ({@link CheckEvent.AttemptFailed}); the next one declares the
 *       checker down ({@link CheckEvent.Down}) and the next attempt follows after the
 *       down-recheck delay.</li>
 *   <li>Before the first attempt keepalived sets the retry counter to {@code retry}
 *       (check_data.c: "one failure is enough initially"), so a failing first attempt
 *       declares the checker down at once, with or without alpha.</li>
 *   <li>A failure while down changes nothing; the next attempt follows after the
 *       down-recheck delay.</li>
 *   <li>SMTP_CHECK ({@link CheckPolicy#retryEveryCycle()}) differs: each regular check gets
 *       its full retries, while down and on the first check too.</li>
 *   <li>Dynamic weights ({@link CheckResult.WeightedSuccess}) are reported when they change;
 *       going down resets the weight to the configured one silently, as keepalived does.</li>
 * </ul>
 *
 * <p>Not thread-safe.
 */
public final class CheckerState {

    private final String checker;
    private final CheckPolicy policy;
    private boolean up;
    private boolean hasRun;
    private int retryCount;
    private int consecutiveFailures;
    private OptionalInt weight = OptionalInt.empty();

    public CheckerState(String checker, CheckPolicy policy) {
        this.checker = Objects.requireNonNull(checker, "checker");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.up = !policy.alpha();
        this.retryCount = policy.retryEveryCycle() ? 0 : policy.retry();
    }

    public boolean isUp() {
        return up;
    }

    /** Whether at least one attempt has been judged. */
    public boolean hasRun() {
        return hasRun;
    }

    /** The dynamic weight in force; empty for the configured weight. */
    public OptionalInt weight() {
        return weight;
    }

    /** Judges one attempt. */
    public Decision handle(CheckResult result) {
        Objects.requireNonNull(result, "result");
        List<CheckEvent> events = new ArrayList<>();
        long delay = result.isSuccess() ? onSuccess(result, events) : onFailure(result, events);
        hasRun = true;
        return new Decision(events, delay);
    }

    private long onSuccess(CheckResult result, List<CheckEvent> events) {
        retryCount = 0;
        consecutiveFailures = 0;
        OptionalInt newWeight = result instanceof CheckResult.WeightedSuccess weighted
                ? OptionalInt.of(weighted.weight()) : OptionalInt.empty();
        if (!newWeight.equals(weight)) {
            events.add(new CheckEvent.WeightChanged(checker, result, weight, newWeight));
            weight = newWeight;
        }
        if (!up) {
            up = true;
            events.add(new CheckEvent.Up(checker, result));
        }
        return policy.delayLoopNanos();
    }

    private long onFailure(CheckResult result, List<CheckEvent> events) {
        boolean decisive = up || !hasRun;
        if (!decisive && !policy.retryEveryCycle()) {
            return policy.downRecheckNanos();
        }
        consecutiveFailures++;
        if (retryCount < policy.retry()) {
            retryCount++;
            events.add(new CheckEvent.AttemptFailed(checker, result, retryCount, policy.retry()));
            return policy.delayBeforeRetryNanos();
        }
        retryCount = 0;
        if (decisive) {
            events.add(new CheckEvent.Down(checker, result, consecutiveFailures, !up));
            up = false;
            weight = OptionalInt.empty();
        }
        consecutiveFailures = 0;
        return policy.downRecheckNanos();
    }
}
