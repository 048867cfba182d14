package dev.vigil.vrrp.runtime;

import dev.vigil.common.time.Scheduler;
import dev.vigil.common.time.Ticker;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that runs every VRRP instance (DESIGN.md, Threading): a FIFO task queue and
 * a deadline-sorted timer queue on a monotonic {@link Ticker}, as keepalived's
 * {@code vrrp_scheduler.c} thread does. Tasks and due timers run one at a time, in order
 * (tasks first; timers due at the same instant in the order they were scheduled), so state
 * changes are serial and deterministic.
 *
 * <p>{@link #execute} and {@link #schedule} may be called from any thread. A task that throws
 * is logged and the loop goes on. Lifecycle: {@link #start()} once, {@link #shutdown()} once;
 * tasks given after shutdown are dropped.
 */
final class EventLoop implements Scheduler, Executor {

    private static final Logger LOG = LoggerFactory.getLogger(EventLoop.class);

    private final Ticker ticker;
    private final Thread thread;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    /** Guarded by lock. */
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    /** Guarded by lock. */
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    /** Guarded by lock. */
    private long sequence;
    /** Guarded by lock. */
    private boolean stopping;

    EventLoop(String threadName, Ticker ticker) {
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.thread = Thread.ofPlatform().name(threadName).daemon(true).unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /** Whether the caller is the loop thread. */
    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    @Override
    public long nanoTime() {
        return ticker.nanoTime();
    }

    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        lock.lock();
        try {
            if (!stopping) {
                tasks.add(task);
                wake.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Cancellable schedule(long delayNanos, Runnable task) {
        Objects.requireNonNull(task, "task");
        lock.lock();
        try {
            Timer timer = new Timer(ticker.nanoTime() + Math.max(0, delayNanos), sequence++, task);
            if (!stopping) {
                timers.add(timer);
                wake.signal();
            }
            return () -> cancel(timer);
        } finally {
            lock.unlock();
        }
    }

    private boolean cancel(Timer timer) {
        lock.lock();
        try {
            return timers.remove(timer);
        } finally {
            lock.unlock();
        }
    }

    /** Stops the loop after the task running now; waits for the thread (not from the loop itself). */
    void shutdown() throws InterruptedException {
        lock.lock();
        try {
            stopping = true;
            tasks.clear();
            timers.clear();
            wake.signal();
        } finally {
            lock.unlock();
        }
        if (!inLoop()) {
            thread.join();
        }
    }

    private void run() {
        while (true) {
            Runnable next = awaitNext();
            if (next == null) {
                return;
            }
            try {
                next.run();
            } catch (RuntimeException e) {
                LOG.error("VRRP event-loop task failed; the loop goes on", e);
            }
        }
    }

    /** The next task or due timer, or null once stopping. */
    private Runnable awaitNext() {
        lock.lock();
        try {
            while (!stopping) {
                if (!tasks.isEmpty()) {
                    return tasks.poll();
                }
                Timer first = timers.peek();
                if (first == null) {
                    wake.awaitUninterruptibly();
                    continue;
                }
                long wait = first.deadline - ticker.nanoTime();
                if (wait <= 0) {
                    return timers.poll().task;
                }
                wake.await(wait, TimeUnit.NANOSECONDS);
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            lock.unlock();
        }
    }

    private record Timer(long deadline, long order, Runnable task) implements Comparable<Timer> {
        @Override
        public int compareTo(Timer other) {
            int byDeadline = Long.compare(deadline, other.deadline);
            return byDeadline != 0 ? byDeadline : Long.compare(order, other.order);
        }
    }
}
