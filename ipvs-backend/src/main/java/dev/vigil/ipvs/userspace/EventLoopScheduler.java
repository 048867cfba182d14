package dev.vigil.ipvs.userspace;

import dev.vigil.common.time.Scheduler;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** A {@link Scheduler} on the JVM's monotonic clock whose tasks run on one Netty executor. */
final class EventLoopScheduler implements Scheduler {

    private final EventExecutor executor;

    EventLoopScheduler(EventExecutor executor) {
        this.executor = executor;
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Cancellable schedule(long delayNanos, Runnable task) {
        ScheduledFuture<?> future = executor.schedule(task, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }
}
