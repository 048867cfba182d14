package dev.vigil.healthcheck.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.healthcheck.CheckEvent;
import dev.vigil.healthcheck.CheckResult;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class CheckerStateTest {

    private static final long LOOP = 60_000;
    private static final long RETRY_DELAY = 3_000;
    private static final long DOWN_RECHECK = 61_000;
    private static final CheckResult OK = CheckResult.success("ok");
    private static final CheckResult BAD = CheckResult.failure("bad");

    private static CheckerState state(int retry, boolean alpha) {
        return new CheckerState("rs1", CheckPolicy.of(retry, LOOP, RETRY_DELAY, DOWN_RECHECK, 0, alpha));
    }

    @Test
    void startsUpAndStaysQuietOnFirstSuccess() {
        CheckerState state = state(1, false);
        assertTrue(state.isUp());
        Decision decision = state.handle(OK);
        assertEquals(List.of(), decision.events());
        assertEquals(LOOP, decision.nextDelayNanos());
        assertTrue(state.hasRun());
    }

    @Test
    void firstFailureIsEnoughInitiallyEvenWithRetries() {
        CheckerState state = state(3, false);
        Decision decision = state.handle(BAD);
        CheckEvent.Down down = assertInstanceOf(CheckEvent.Down.class, decision.events().getFirst());
        assertEquals(1, down.failedAttempts());
        assertFalse(down.initial());
        assertEquals(DOWN_RECHECK, decision.nextDelayNanos());
        assertFalse(state.isUp());
    }

    @Test
    void alphaStartsDownAndReportsAFailedFirstCheckAsInitialDown() {
        CheckerState state = state(1, true);
        assertFalse(state.isUp());
        Decision decision = state.handle(BAD);
        assertEquals(1, decision.events().size());
        assertTrue(assertInstanceOf(CheckEvent.Down.class, decision.events().getFirst()).initial());
        assertFalse(state.isUp());
    }

    @Test
    void alphaComesUpOnFirstSuccess() {
        CheckerState state = state(1, true);
        Decision decision = state.handle(OK);
        assertEquals(List.of(new CheckEvent.Up("rs1", OK)), decision.events());
        assertTrue(state.isUp());
    }

    @Test
    void retriesSpacedByDelayBeforeRetryThenDown() {
        CheckerState state = state(2, false);
        state.handle(OK);

        Decision first = state.handle(BAD);
        assertEquals(List.of(new CheckEvent.AttemptFailed("rs1", BAD, 1, 2)), first.events());
        assertEquals(RETRY_DELAY, first.nextDelayNanos());
        assertTrue(state.isUp());

        Decision second = state.handle(BAD);
        assertEquals(List.of(new CheckEvent.AttemptFailed("rs1", BAD, 2, 2)), second.events());
        assertEquals(RETRY_DELAY, second.nextDelayNanos());

        Decision third = state.handle(BAD);
        assertEquals(List.of(new CheckEvent.Down("rs1", BAD, 3, false)), third.events());
        assertEquals(DOWN_RECHECK, third.nextDelayNanos());
        assertFalse(state.isUp());
    }

    @Test
    void retryZeroDeclaresDownOnFirstFailure() {
        CheckerState state = state(0, false);
        state.handle(OK);
        Decision decision = state.handle(BAD);
        assertEquals(List.of(new CheckEvent.Down("rs1", BAD, 1, false)), decision.events());
    }

    @Test
    void successDuringRetriesResetsTheCount() {
        CheckerState state = state(1, false);
        state.handle(OK);
        state.handle(BAD);
        Decision recovered = state.handle(OK);
        assertEquals(List.of(), recovered.events());
        assertEquals(LOOP, recovered.nextDelayNanos());
        Decision again = state.handle(BAD);
        assertEquals(List.of(new CheckEvent.AttemptFailed("rs1", BAD, 1, 1)), again.events());
    }

    @Test
    void failuresWhileDownChangeNothingAndSuccessBringsItUp() {
        CheckerState state = state(1, false);
        state.handle(BAD);
        Decision stillDown = state.handle(BAD);
        assertEquals(List.of(), stillDown.events());
        assertEquals(DOWN_RECHECK, stillDown.nextDelayNanos());

        CheckResult timedOut = new CheckResult.TimedOut("connect", java.time.Duration.ofSeconds(5));
        assertEquals(List.of(), state.handle(timedOut).events());

        Decision up = state.handle(OK);
        assertEquals(List.of(new CheckEvent.Up("rs1", OK)), up.events());
        assertEquals(LOOP, up.nextDelayNanos());
        assertTrue(state.isUp());
    }

    @Test
    void timeoutCountsAsFailure() {
        CheckerState state = state(0, false);
        state.handle(OK);
        CheckResult timedOut = new CheckResult.TimedOut("read", java.time.Duration.ofSeconds(1));
        assertInstanceOf(CheckEvent.Down.class, state.handle(timedOut).events().getFirst());
    }

    @Test
    void dynamicWeightChangesAreReportedOnce() {
        CheckerState state = state(0, false);
        CheckResult five = new CheckResult.WeightedSuccess(5);
        assertEquals(List.of(new CheckEvent.WeightChanged("rs1", five, OptionalInt.empty(), OptionalInt.of(5))),
                state.handle(five).events());
        assertEquals(List.of(), state.handle(five).events());
        assertEquals(OptionalInt.of(5), state.weight());

        assertEquals(List.of(new CheckEvent.WeightChanged("rs1", OK, OptionalInt.of(5), OptionalInt.empty())),
                state.handle(OK).events());
        assertEquals(OptionalInt.empty(), state.weight());
    }

    @Test
    void goingDownResetsTheWeightSilently() {
        CheckerState state = state(0, false);
        CheckResult seven = new CheckResult.WeightedSuccess(7);
        state.handle(seven);
        assertEquals(List.of(new CheckEvent.Down("rs1", BAD, 1, false)), state.handle(BAD).events());
        assertEquals(OptionalInt.empty(), state.weight());

        assertEquals(List.of(
                new CheckEvent.WeightChanged("rs1", seven, OptionalInt.empty(), OptionalInt.of(7)),
                new CheckEvent.Up("rs1", seven)), state.handle(seven).events());
    }

    @Test
    void smtpRetriesEveryCycleEvenInitiallyAndWhileDown() {
        CheckerState state = new CheckerState("smtp", new CheckPolicy(1, LOOP, RETRY_DELAY, LOOP, 0, false, false, true));
        Decision first = state.handle(BAD);
        assertEquals(List.of(new CheckEvent.AttemptFailed("smtp", BAD, 1, 1)), first.events(),
                "no 'one failure is enough' shortcut");
        assertEquals(RETRY_DELAY, first.nextDelayNanos());
        assertEquals(List.of(new CheckEvent.Down("smtp", BAD, 2, false)), state.handle(BAD).events());

        Decision downAgain = state.handle(BAD);
        assertEquals(List.of(new CheckEvent.AttemptFailed("smtp", BAD, 1, 1)), downAgain.events());
        assertEquals(RETRY_DELAY, downAgain.nextDelayNanos(), "retried while down");
        Decision stillDown = state.handle(BAD);
        assertEquals(List.of(), stillDown.events());
        assertEquals(LOOP, stillDown.nextDelayNanos());
        assertEquals(List.of(new CheckEvent.Up("smtp", OK)), state.handle(OK).events());
    }
}
