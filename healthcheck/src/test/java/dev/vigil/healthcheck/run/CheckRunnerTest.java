package dev.vigil.healthcheck.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.common.time.FakeScheduler;
import dev.vigil.healthcheck.CheckEvent;
import dev.vigil.healthcheck.CheckResult;
import dev.vigil.healthcheck.probe.Probe;
import dev.vigil.healthcheck.state.CheckPolicy;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class CheckRunnerTest {

    private static final long SECOND = 1_000_000_000L;
    private static final CheckResult OK = CheckResult.success("ok");
    private static final CheckResult BAD = CheckResult.failure("bad");

    private final FakeScheduler scheduler = new FakeScheduler(5 * SECOND);
    private final List<CheckEvent> events = new ArrayList<>();

    /** Answers attempts from a script and records when each attempt started. */
    private final class ScriptedProbe implements Probe {
        final Deque<CheckResult> script = new ArrayDeque<>();
        final List<Long> startedAt = new ArrayList<>();

        ScriptedProbe then(CheckResult... results) {
            script.addAll(List.of(results));
            return this;
        }

        @Override
        public CompletableFuture<CheckResult> attempt() {
            startedAt.add(scheduler.nanoTime() - 5 * SECOND);
            return CompletableFuture.completedFuture(script.isEmpty() ? OK : script.poll());
        }
    }

    /** A random source whose bounded draws return a fixed fraction of the bound. */
    private record FixedFraction(double fraction) implements RandomGenerator {
        @Override
        public long nextLong() {
            throw new UnsupportedOperationException("only bounded draws are expected");
        }

        @Override
        public long nextLong(long bound) {
            return (long) (fraction * (bound - 1));
        }
    }

    private CheckRunner runner(CheckPolicy policy, Probe probe, double warmupFraction) {
        return new CheckRunner("rs", policy, probe, scheduler, events::add, new FixedFraction(warmupFraction),
                Duration.ofSeconds(1));
    }

    private static CheckPolicy policy(int retry, boolean alpha) {
        return CheckPolicy.of(retry, 10 * SECOND, 2 * SECOND, 10 * SECOND, 4 * SECOND, alpha);
    }

    @Test
    void startNowJudgesAnAnswerAtHandBeforeItReturnsThenKeepsTheDelayLoop() {
        ScriptedProbe probe = new ScriptedProbe().then(BAD, BAD);
        runner(policy(0, false), probe, 0.5).startNow();
        assertEquals(List.of(0L), probe.startedAt);
        assertEquals(1, events.size(), events::toString);
        assertInstanceOf(CheckEvent.Down.class, events.getFirst());
        scheduler.advance(10 * SECOND);
        assertEquals(List.of(0L, 10 * SECOND), probe.startedAt);
    }

    @Test
    void startNowWaitsForAnAnswerThatIsNotAtHand() {
        CompletableFuture<CheckResult> answer = new CompletableFuture<>();
        Probe later = () -> answer;
        CheckRunner runner = runner(policy(0, false), later, 0.5);
        runner.startNow();
        assertEquals(List.of(), events);
        answer.complete(BAD);
        assertEquals(List.of(), events, "judged on the scheduler's next turn, not on the completing thread");
        scheduler.advance(0);
        assertEquals(1, events.size(), events::toString);
        assertThrows(IllegalStateException.class, runner::start);
    }

    @Test
    void firstAttemptAfterBootstrapAndWarmupThenEveryDelayLoop() {
        ScriptedProbe probe = new ScriptedProbe();
        runner(policy(1, false), probe, 0.5).start();
        scheduler.advance(30 * SECOND);
        // bootstrap 1 s + half of the 4 s warmup (rounded down by one nanosecond of bound)
        long first = probe.startedAt.getFirst();
        assertTrue(first >= 2_999_999_999L && first <= 3 * SECOND, "first attempt at " + first);
        assertEquals(List.of(first, first + 10 * SECOND, first + 20 * SECOND), probe.startedAt);
        assertEquals(List.of(), events);
    }

    @Test
    void retriesAreSpacedByDelayBeforeRetryAndDownFollowsTheLastOne() {
        ScriptedProbe probe = new ScriptedProbe().then(OK, BAD, BAD, BAD, BAD, OK);
        runner(policy(2, false), probe, 0).start();
        scheduler.advance(60 * SECOND);

        long t0 = SECOND;
        assertEquals(List.of(t0, t0 + 10 * SECOND, t0 + 12 * SECOND, t0 + 14 * SECOND, t0 + 24 * SECOND,
                t0 + 34 * SECOND, t0 + 44 * SECOND, t0 + 54 * SECOND), probe.startedAt);
        assertEquals(List.of(
                new CheckEvent.AttemptFailed("rs", BAD, 1, 2),
                new CheckEvent.AttemptFailed("rs", BAD, 2, 2),
                new CheckEvent.Down("rs", BAD, 3, false),
                new CheckEvent.Up("rs", OK)), events);
    }

    @Test
    void alphaServerComesUpOnlyAfterASuccess() {
        ScriptedProbe probe = new ScriptedProbe().then(BAD, OK);
        CheckRunner runner = runner(policy(1, true), probe, 0);
        runner.start();
        assertFalse(runner.isUp());
        scheduler.advance(SECOND);
        assertTrue(assertInstanceOf(CheckEvent.Down.class, events.getFirst()).initial());
        scheduler.advance(10 * SECOND);
        assertEquals(new CheckEvent.Up("rs", OK), events.get(1));
        assertTrue(runner.isUp());
    }

    @Test
    void miscDelaysCountFromTheStartOfTheAttempt() {
        List<CompletableFuture<CheckResult>> attempts = new ArrayList<>();
        List<Long> startedAt = new ArrayList<>();
        Probe slow = () -> {
            startedAt.add(scheduler.nanoTime());
            CompletableFuture<CheckResult> attempt = new CompletableFuture<>();
            attempts.add(attempt);
            return attempt;
        };
        CheckPolicy misc = new CheckPolicy(0, 10 * SECOND, SECOND, 10 * SECOND, 0, false, true, false);
        runner(misc, slow, 0).start();
        scheduler.advance(SECOND);
        assertEquals(1, attempts.size());
        scheduler.advance(3 * SECOND);
        attempts.getFirst().complete(OK);
        scheduler.advance(7 * SECOND);
        assertEquals(2, attempts.size());
        assertEquals(10 * SECOND, startedAt.get(1) - startedAt.get(0));
    }

    @Test
    void stopCancelsTheTimerAndTheAttemptInFlight() {
        List<CompletableFuture<CheckResult>> attempts = new ArrayList<>();
        Probe hanging = () -> {
            CompletableFuture<CheckResult> attempt = new CompletableFuture<>();
            attempts.add(attempt);
            return attempt;
        };
        CheckRunner runner = runner(policy(1, false), hanging, 0);
        runner.start();
        scheduler.advance(SECOND);
        runner.stop();
        assertTrue(attempts.getFirst().isCancelled());
        scheduler.advance(100 * SECOND);
        assertEquals(1, attempts.size());
        assertEquals(0, scheduler.pending());
        assertThrows(IllegalStateException.class, runner::start);
    }

    @Test
    void stopBeforeTheFirstAttemptPreventsIt() {
        ScriptedProbe probe = new ScriptedProbe();
        CheckRunner runner = runner(policy(1, false), probe, 0);
        runner.start();
        runner.stop();
        scheduler.advance(100 * SECOND);
        assertEquals(List.of(), probe.startedAt);
    }

    @Test
    void aProbeFailingExceptionallyCountsAsAFailedAttempt() {
        List<Long> startedAt = new ArrayList<>();
        Probe broken = () -> {
            startedAt.add(scheduler.nanoTime());
            return CompletableFuture.failedFuture(new IllegalStateException("bug"));
        };
        runner(policy(0, false), broken, 0).start();
        scheduler.advance(25 * SECOND);
        CheckEvent.Down down = assertInstanceOf(CheckEvent.Down.class, events.getFirst());
        assertTrue(((CheckResult.Failure) down.cause()).reason().contains("bug"));
        assertEquals(3, startedAt.size(), "checking goes on");
    }
}
