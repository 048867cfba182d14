package dev.vigil.vrrp.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** keepalived's vrrp_script result counter (vrrp_scheduler.c vrrp_script_child_thread). */
class ScriptHealthTest {

    private static final ScriptOutcome OK = ScriptOutcome.exited(0);
    private static final ScriptOutcome FAIL = ScriptOutcome.exited(1);

    /** Feeds the outcomes and lists the status after each one. */
    private static List<ScriptStatus> run(ScriptHealth h, ScriptOutcome... outcomes) {
        List<ScriptStatus> out = new ArrayList<>();
        for (ScriptOutcome o : outcomes) {
            h.record(o);
            out.add(h.status());
        }
        return out;
    }

    @Test
    void startsPendingAndOneSuccessIsEnough() {
        ScriptHealth h = new ScriptHealth(3, 1, false);
        assertEquals(ScriptStatus.PENDING, h.status());
        assertEquals(Optional.of(ScriptStatus.OK), h.record(OK));
    }

    @Test
    void firstFailureFailsAtOnceWhateverFall() {
        assertEquals(Optional.of(ScriptStatus.FAILED), new ScriptHealth(1, 5, false).record(FAIL));
    }

    @Test
    void fallFailuresAreNeededOnceOk() {
        ScriptHealth h = new ScriptHealth(1, 3, false);
        h.record(OK);
        assertEquals(List.of(ScriptStatus.OK, ScriptStatus.OK, ScriptStatus.FAILED), run(h, FAIL, FAIL, FAIL));
    }

    @Test
    void riseSuccessesAreNeededOnceFailedAndAFailureRestartsTheCount() {
        ScriptHealth h = new ScriptHealth(3, 1, false);
        h.record(FAIL);
        assertEquals(List.of(ScriptStatus.FAILED, ScriptStatus.FAILED, ScriptStatus.FAILED, ScriptStatus.FAILED,
                ScriptStatus.FAILED, ScriptStatus.OK), run(h, OK, OK, FAIL, OK, OK, OK));
    }

    @Test
    void aSuccessWhileOkRefillsTheFallBudget() {
        ScriptHealth h = new ScriptHealth(1, 2, false);
        h.record(OK);
        assertEquals(List.of(ScriptStatus.OK, ScriptStatus.OK, ScriptStatus.OK, ScriptStatus.FAILED),
                run(h, FAIL, OK, FAIL, FAIL));
    }

    @Test
    void initFailStartsFailedAndNeedsRiseSuccesses() {
        ScriptHealth h = new ScriptHealth(2, 1, true);
        assertEquals(ScriptStatus.FAILED, h.status());
        assertEquals(List.of(ScriptStatus.FAILED, ScriptStatus.OK), run(h, OK, OK));
    }

    @Test
    void timeoutsAndSignalsAreFailuresAndOnlyExitZeroSucceeds() {
        assertEquals(Optional.of(ScriptStatus.FAILED), new ScriptHealth(1, 1, false).record(ScriptOutcome.timedOut()));
        assertEquals(Optional.of(ScriptStatus.FAILED),
                new ScriptHealth(1, 1, false).record(ScriptOutcome.signalled(9)));
        assertEquals(Optional.of(ScriptStatus.FAILED), new ScriptHealth(1, 1, false).record(ScriptOutcome.exited(2)));
    }

    @Test
    void unchangedStatusIsNotReported() {
        ScriptHealth h = new ScriptHealth(1, 1, false);
        h.record(OK);
        assertEquals(Optional.empty(), h.record(OK));
    }

    @Test
    void aChangedScriptContinuesFromTheOldVerdict() {
        ScriptHealth ok = ScriptHealth.continuing(2, 3, false, ScriptStatus.OK);
        assertEquals(ScriptStatus.OK, ok.status());
        assertEquals(List.of(ScriptStatus.OK, ScriptStatus.OK, ScriptStatus.FAILED), run(ok, FAIL, FAIL, FAIL),
                "an OK script takes fall failures to fail");
        ScriptHealth failed = ScriptHealth.continuing(2, 1, false, ScriptStatus.FAILED);
        assertEquals(List.of(ScriptStatus.FAILED, ScriptStatus.OK), run(failed, OK, OK));
        assertEquals(ScriptStatus.PENDING, ScriptHealth.continuing(1, 1, false, ScriptStatus.PENDING).status());
    }

    @Test
    void riseAndFallMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new ScriptHealth(0, 1, false));
        assertThrows(IllegalArgumentException.class, () -> new ScriptHealth(1, 0, false));
    }
}
