package dev.vigil.common.time;

import java.util.PriorityQueue;

/**
 * A {@link Scheduler} for tests: time stands still until {@link #advance(long)} moves it,
 * and due tasks run on the caller's thread, in deadline order (ties in scheduling order).
 * A task may schedule further tasks; those that fall due within the same advance run too.
 *
 * <p>Not thread-safe: one test thread drives it.
 */
public final class FakeScheduler implements Scheduler {

    private final PriorityQueue<Entry> queue = new PriorityQueue<>();
    private long now;
    private long sequence;

    /** Starts at {@code startNanos}; a non-zero origin catches code that assumes zero. */
    public FakeScheduler(long startNanos) {
        this.now = startNanos;
    }

    public FakeScheduler() {
        this(1_000_000_000L);
    }

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public Cancellable schedule(long delayNanos, Runnable task) {
        Entry entry = new Entry(now + Math.max(0, delayNanos), sequence++, task);
        queue.add(entry);
        return () -> queue.remove(entry);
    }

    /** Moves time forward by {@code nanos}, running every task that falls due on the way. */
    public void advance(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("time cannot go back: " + nanos);
        }
        long target = now + nanos;
        while (!queue.isEmpty() && queue.peek().deadline <= target) {
            Entry next = queue.poll();
            now = next.deadline;
            next.task.run();
        }
        now = target;
    }

    /** Runs the tasks already due without moving time. */
    public void runDue() {
        advance(0);
    }

    /** Number of tasks waiting to run. */
    public int pending() {
        return queue.size();
    }

    /** Nanoseconds until the next task falls due, or -1 when none is waiting. */
    public long nanosToNext() {
        return queue.isEmpty() ? -1 : queue.peek().deadline - now;
    }

    private record Entry(long deadline, long order, Runnable task) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry other) {
            int byDeadline = Long.compare(deadline, other.deadline);
            return byDeadline != 0 ? byDeadline : Long.compare(order, other.order);
        }
    }
}
