package dev.vigil.healthcheck.run;

import dev.vigil.common.time.Scheduler;
import io.netty.util.concurrent.EventExecutor;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Scheduler} on one Netty event executor: tasks run on that executor's single
 * thread, in deadline order; time is {@link System#nanoTime()}. Thread-safe.
 */
public final class EventLoopScheduler implements Scheduler {

    private final EventExecutor executor;

    public EventLoopScheduler(EventExecutor executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Cancellable schedule(long delayNanos, Runnable task) {
        var future = executor.schedule(task, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }
}
