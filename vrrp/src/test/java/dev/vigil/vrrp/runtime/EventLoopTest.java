package dev.vigil.vrrp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.common.time.Scheduler.Cancellable;
import dev.vigil.common.time.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The real loop thread: deadline order, FIFO ties, cancellation, survival of failing tasks. */
class EventLoopTest {

    private static final long MILLI = 1_000_000L;

    @Test
    void timersRunInDeadlineOrderAndTiesInSchedulingOrder() throws Exception {
        EventLoop loop = new EventLoop("test-loop", Ticker.system());
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch gate = new CountDownLatch(1);
        loop.execute(() -> {
            awaitQuietly(gate);
            loop.schedule(60 * MILLI, () -> ran.add("c"));
            loop.schedule(20 * MILLI, () -> ran.add("a"));
            loop.schedule(40 * MILLI, () -> ran.add("b1"));
            loop.schedule(40 * MILLI, () -> ran.add("b2"));
            Cancellable dropped = loop.schedule(30 * MILLI, () -> ran.add("cancelled"));
            assertTrue(dropped.cancel());
            assertFalse(dropped.cancel());
            loop.execute(() -> {
                throw new IllegalStateException("a failing task must not stop the loop");
            });
            loop.execute(() -> ran.add("task"));
        });
        loop.start();
        gate.countDown();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> ran.size() == 5);
        assertEquals(List.of("task", "a", "b1", "b2", "c"), ran);
        loop.shutdown();
        loop.execute(() -> ran.add("after shutdown"));
        assertEquals(5, ran.size());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
