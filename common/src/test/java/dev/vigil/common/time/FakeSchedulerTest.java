package dev.vigil.common.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FakeSchedulerTest {

    @Test
    void runsTasksInDeadlineOrderThenSchedulingOrder() {
        FakeScheduler scheduler = new FakeScheduler(0);
        List<String> ran = new ArrayList<>();
        scheduler.schedule(30, () -> ran.add("c"));
        scheduler.schedule(10, () -> ran.add("a"));
        scheduler.schedule(10, () -> ran.add("b"));

        scheduler.advance(20);
        assertEquals(List.of("a", "b"), ran);
        assertEquals(20, scheduler.nanoTime());

        scheduler.advance(10);
        assertEquals(List.of("a", "b", "c"), ran);
    }

    @Test
    void taskSeesItsOwnDeadlineAsNow() {
        FakeScheduler scheduler = new FakeScheduler(100);
        long[] seen = new long[1];
        scheduler.schedule(50, () -> seen[0] = scheduler.nanoTime());
        scheduler.advance(1_000);
        assertEquals(150, seen[0]);
        assertEquals(1_100, scheduler.nanoTime());
    }

    @Test
    void tasksScheduledByTasksRunWhenDueWithinTheSameAdvance() {
        FakeScheduler scheduler = new FakeScheduler(0);
        List<Long> times = new ArrayList<>();
        Runnable[] tick = new Runnable[1];
        tick[0] = () -> {
            times.add(scheduler.nanoTime());
            scheduler.schedule(10, tick[0]);
        };
        scheduler.schedule(10, tick[0]);
        scheduler.advance(35);
        assertEquals(List.of(10L, 20L, 30L), times);
        assertEquals(5, scheduler.nanosToNext());
    }

    @Test
    void cancelledTaskDoesNotRun() {
        FakeScheduler scheduler = new FakeScheduler(0);
        List<String> ran = new ArrayList<>();
        Scheduler.Cancellable handle = scheduler.schedule(10, () -> ran.add("x"));
        assertTrue(handle.cancel());
        assertFalse(handle.cancel());
        scheduler.advance(100);
        assertTrue(ran.isEmpty());
        assertEquals(0, scheduler.pending());
        assertEquals(-1, scheduler.nanosToNext());
    }

    @Test
    void refusesToGoBack() {
        assertThrows(IllegalArgumentException.class, () -> new FakeScheduler().advance(-1));
    }
}
