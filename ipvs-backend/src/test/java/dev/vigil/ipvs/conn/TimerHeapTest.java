package dev.vigil.ipvs.conn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.ipvs.Destination;
import dev.vigil.ipvs.ForwardMethod;
import dev.vigil.ipvs.IpAddress;
import dev.vigil.ipvs.sched.RealServer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The timer heap against a plain list: earliest deadline first through every kind of change. */
class TimerHeapTest {

    private static final RealServer SERVER = new RealServer(Destination.of("192.168.1.10", 80, ForwardMethod.MASQ, 1));

    private static Connection entry(int port) {
        return new Connection(6, IpAddress.of("203.0.113.7"), port, IpAddress.of("10.0.0.100"), 80, SERVER, 80,
                false, null);
    }

    @Test
    void anEntryIsQueuedOnceAndMovesWhenItsDeadlineChanges() {
        TimerHeap heap = new TimerHeap();
        Connection a = entry(1);
        Connection b = entry(2);
        heap.schedule(a, 50);
        heap.schedule(b, 40);
        assertSame(b, heap.peek());
        heap.schedule(a, 30);
        assertSame(a, heap.peek(), "an earlier deadline moves the entry up");
        assertEquals(2, heap.size(), "moved, not queued twice");
        heap.schedule(a, 60);
        assertSame(b, heap.peek(), "a later one moves it down");
        heap.remove(b);
        assertFalse(b.isQueued());
        assertSame(a, heap.peek());
        heap.remove(a);
        assertNull(heap.peek());
        heap.remove(a);
        assertEquals(0, heap.size(), "removing an entry that is not queued does nothing");
    }

    @Test
    void randomSchedulesMovesAndRemovalsKeepTheEarliestDeadlineOnTop() {
        SplittableRandom random = new SplittableRandom(42);
        TimerHeap heap = new TimerHeap();
        List<Connection> queued = new ArrayList<>();
        List<Connection> idle = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            idle.add(entry(i + 1));
        }
        for (int op = 0; op < 20_000; op++) {
            int kind = random.nextInt(4);
            if (kind == 0 && !idle.isEmpty()) {
                Connection c = idle.remove(random.nextInt(idle.size()));
                heap.schedule(c, random.nextLong(1_000_000));
                queued.add(c);
            } else if (kind == 1 && !queued.isEmpty()) {
                heap.schedule(queued.get(random.nextInt(queued.size())), random.nextLong(1_000_000));
            } else if (kind == 2 && !queued.isEmpty()) {
                Connection c = queued.remove(random.nextInt(queued.size()));
                heap.remove(c);
                assertFalse(c.isQueued());
                idle.add(c);
            } else if (!queued.isEmpty()) {
                Connection top = heap.peek();
                heap.remove(top);
                assertTrue(queued.remove(top));
                idle.add(top);
            }
            assertEquals(queued.size(), heap.size());
            long earliest = queued.stream().mapToLong(Connection::queuedAt).min().orElse(-1);
            Connection top = heap.peek();
            assertEquals(earliest, top == null ? -1 : top.queuedAt(), "after operation " + op);
        }
        queued.sort(Comparator.comparingLong(Connection::queuedAt));
        long previous = Long.MIN_VALUE;
        while (heap.peek() != null) {
            Connection top = heap.peek();
            assertTrue(top.queuedAt() >= previous);
            previous = top.queuedAt();
            heap.remove(top);
        }
    }
}
