package dev.vigil.vrrp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.common.time.Scheduler.Cancellable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The real loop thread on a controlled clock: tasks before timers, timers in deadline order
 * and ties in scheduling order, cancellation, survival of a failing task, nothing after
 * shutdown.
 */
class EventLoopTest {

    private static final long MILLI = 1_000_000L;

    @Test
    void timersRunInDeadlineOrderAndTiesInSchedulingOrder() throws Exception {
        AtomicLong now = new AtomicLong(5_000 * MILLI);
        EventLoop loop = new EventLoop("test-loop", now::get);
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        loop.schedule(60 * MILLI, () -> ran.add("c"));
        loop.schedule(20 * MILLI, () -> ran.add("a"));
        loop.schedule(40 * MILLI, () -> ran.add("b1"));
        loop.schedule(40 * MILLI, () -> ran.add("b2"));
        loop.schedule(90 * MILLI, () -> ran.add("later"));
        Cancellable dropped = loop.schedule(30 * MILLI, () -> ran.add("cancelled"));
        assertTrue(dropped.cancel());
        assertFalse(dropped.cancel());
        loop.execute(() -> {
            throw new IllegalStateException("a failing task must not stop the loop");
        });
        loop.execute(() -> ran.add("task"));
        loop.start();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> ran.size() == 1);
        now.addAndGet(70 * MILLI);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> ran.size() == 5);
        assertEquals(List.of("task", "a", "b1", "b2", "c"), ran);
        now.addAndGet(30 * MILLI);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> ran.size() == 6);
        assertEquals("later", ran.getLast());
        loop.shutdown();
        loop.execute(() -> ran.add("after shutdown"));
        assertEquals(6, ran.size());
    }
}
