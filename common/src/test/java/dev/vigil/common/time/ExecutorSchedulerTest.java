package dev.vigil.common.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExecutorSchedulerTest {

    private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);
    private final ExecutorScheduler scheduler = new ExecutorScheduler(executor);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void runsTasksInDeadlineOrderAndANegativeDelayAsSoonAsPossible() throws InterruptedException {
        List<String> ran = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(3);
        long start = scheduler.nanoTime();
        scheduler.schedule(TimeUnit.MILLISECONDS.toNanos(40), () -> {
            ran.add("later");
            done.countDown();
        });
        scheduler.schedule(TimeUnit.MILLISECONDS.toNanos(20), () -> {
            ran.add("sooner");
            done.countDown();
        });
        scheduler.schedule(-5, () -> {
            ran.add("now");
            done.countDown();
        });
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertEquals(List.of("now", "sooner", "later"), ran);
        assertTrue(scheduler.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(40));
    }

    @Test
    void aCancelledTaskDoesNotRunAndCannotBeCancelledTwice() throws InterruptedException {
        List<String> ran = new CopyOnWriteArrayList<>();
        Scheduler.Cancellable cancellable = scheduler.schedule(TimeUnit.MILLISECONDS.toNanos(30), () -> ran.add("x"));
        assertTrue(cancellable.cancel());
        assertFalse(cancellable.cancel());
        CountDownLatch after = new CountDownLatch(1);
        scheduler.schedule(TimeUnit.MILLISECONDS.toNanos(60), after::countDown);
        assertTrue(after.await(5, TimeUnit.SECONDS));
        assertEquals(List.of(), ran);
    }
}
