package dev.vigil.vrrp.track;

import java.util.Objects;
import java.util.Optional;

/**
 * The rise/fall counter of one {@code vrrp_script}, shared by every instance that tracks it
 * (keepalived's {@code vscript->result}, vrrp_scheduler.c). The counter runs from 0 to
 * {@code rise + fall - 1}; the script is OK at {@code rise} or above.
 *
 * <ul>
 *   <li>Before the first result the counter is {@code rise - 1}, so one success is enough;
 *       with {@code init_fail} it is 0 and the script counts as FAILED from the start.</li>
 *   <li>A success below {@code rise - 1} counts up; reaching OK jumps to the top, so it
 *       then takes {@code fall} failures to fail.</li>
 *   <li>A failure above {@code rise} counts down; at {@code rise} (or the first result) it
 *       fails and the counter drops to 0, so it then takes {@code rise} successes to recover.
 *       Any failure while failed restarts that count.</li>
 * </ul>
 * Not thread-safe.
 */
public final class ScriptHealth {

    private final int rise;
    private final int fall;
    private int result;
    private ScriptStatus status;

    /**
     * @param rise     successes needed to become OK, at least 1 (keepalived default 1)
     * @param fall     failures needed to become FAILED, at least 1 (keepalived default 1)
     * @param initFail {@code init_fail}: FAILED until {@code rise} successes
     */
    public ScriptHealth(int rise, int fall, boolean initFail) {
        if (rise < 1 || fall < 1) {
            throw new IllegalArgumentException("rise and fall are at least 1: " + rise + "/" + fall);
        }
        this.rise = rise;
        this.fall = fall;
        this.result = initFail ? 0 : rise - 1;
        this.status = initFail ? ScriptStatus.FAILED : ScriptStatus.PENDING;
    }

    /**
     * A counter for a script whose definition a reload changed, continuing from the old one's
     * verdict so the instances see no change until the new command's results count: OK starts
     * at the top (it takes {@code fall} failures to fail), FAILED at 0 (it takes {@code rise}
     * successes), PENDING as a new script. keepalived (vrrp.c clear_diff_script) carries the
     * counter only when the command is unchanged and otherwise starts afresh, which holds a
     * weight-0 tracker's instances in FAULT until the first result.
     */
    public static ScriptHealth continuing(int rise, int fall, boolean initFail, ScriptStatus previous) {
        ScriptHealth health = new ScriptHealth(rise, fall, initFail);
        switch (Objects.requireNonNull(previous, "previous")) {
            case OK -> {
                health.result = rise + fall - 1;
                health.status = ScriptStatus.OK;
            }
            case FAILED -> {
                health.result = 0;
                health.status = ScriptStatus.FAILED;
            }
            case PENDING -> { }
        }
        return health;
    }

    public ScriptStatus status() {
        return status;
    }

    /** Counts one run; returns the new status if it changed. */
    public Optional<ScriptStatus> record(ScriptOutcome outcome) {
        Objects.requireNonNull(outcome, "outcome");
        ScriptStatus before = status;
        if (outcome.success()) {
            succeeded();
        } else {
            failed();
        }
        return status == before ? Optional.empty() : Optional.of(status);
    }

    private void succeeded() {
        int top = rise + fall - 1;
        if (result < rise - 1) {
            result++;
        } else if (result != top) {
            result = top;
            status = ScriptStatus.OK;
        }
    }

    private void failed() {
        if (result > rise) {
            result--;
        } else {
            result = 0;
            status = ScriptStatus.FAILED;
        }
    }
}
