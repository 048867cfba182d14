package dev.vigil.common.time;

/**
 * Runs tasks once after a delay, measured on its own {@link Ticker}. Implementations state
 * on which thread tasks run; {@link FakeScheduler} runs them inside
 * {@link FakeScheduler#advance(long)}.
 */
public interface Scheduler extends Ticker {

    /**
     * Runs {@code task} once, {@code delayNanos} from now (a delay of zero or less runs it as
     * soon as the scheduler next gets to it). Tasks due at the same instant run in the order
     * they were scheduled.
     */
    Cancellable schedule(long delayNanos, Runnable task);

    /** A handle on a scheduled task. */
    @FunctionalInterface
    interface Cancellable {
        /** Prevents the task from running; returns false when it already ran or was cancelled. */
        boolean cancel();
    }
}
