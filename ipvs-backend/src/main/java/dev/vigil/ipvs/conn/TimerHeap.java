package dev.vigil.ipvs.conn;

import java.util.Arrays;

/**
 * The connection table's timers: a binary min-heap of entries ordered by the deadline each
 * was queued with ({@link Connection#queuedAt()}), each entry knowing its own position, so
 * that an entry is queued at most once, an earlier deadline moves it up in place and nothing
 * is allocated per timer. The table of a busy forwarder holds one timer per connection that
 * lingers in CLOSE: 135 k at 13.5 k new connections a second, where a queue of deadline
 * records cost an object and two heap operations per connection on top of the entry.
 *
 * The deadlines are kept beside the entries in an array of their own, so that sifting
 * compares neighbouring longs instead of reading one entry object per level.
 *
 * <p>Not thread-safe: the table's owner thread.
 */
final class TimerHeap {

    private static final int INITIAL_CAPACITY = 64;

    private Connection[] heap = new Connection[INITIAL_CAPACITY];
    /** {@code deadlines[i]} is {@code heap[i].queuedAt()}. */
    private long[] deadlines = new long[INITIAL_CAPACITY];
    private int size;

    int size() {
        return size;
    }

    /** The entry with the earliest deadline, or null. */
    Connection peek() {
        return size == 0 ? null : heap[0];
    }

    /** Queues {@code c} at {@code at}, or moves it there if it is queued already (earlier or later). */
    void schedule(Connection c, long at) {
        int index = c.heapIndex();
        if (index < 0) {
            if (size == heap.length) {
                heap = Arrays.copyOf(heap, size * 2);
                deadlines = Arrays.copyOf(deadlines, size * 2);
            }
            c.setQueuedAt(at);
            place(c, at, size++);
            siftUp(c.heapIndex());
            return;
        }
        long before = c.queuedAt();
        c.setQueuedAt(at);
        deadlines[index] = at;
        if (at < before) {
            siftUp(index);
        } else if (at > before) {
            siftDown(index);
        }
    }

    /** Takes {@code c} out of the heap; nothing if it is not queued. */
    void remove(Connection c) {
        int index = c.heapIndex();
        if (index < 0) {
            return;
        }
        c.setHeapIndex(-1);
        int last = --size;
        if (index != last) {
            Connection moved = heap[last];
            heap[last] = null;
            place(moved, deadlines[last], index);
            siftDown(index);
            if (moved.heapIndex() == index) {
                siftUp(index);
            }
        } else {
            heap[last] = null;
        }
    }

    private void place(Connection c, long at, int index) {
        heap[index] = c;
        deadlines[index] = at;
        c.setHeapIndex(index);
    }

    private void siftUp(int index) {
        Connection c = heap[index];
        long at = deadlines[index];
        while (index > 0) {
            int parent = (index - 1) >>> 1;
            long parentAt = deadlines[parent];
            if (parentAt <= at) {
                break;
            }
            place(heap[parent], parentAt, index);
            index = parent;
        }
        place(c, at, index);
    }

    private void siftDown(int index) {
        Connection c = heap[index];
        long at = deadlines[index];
        int half = size >>> 1;
        while (index < half) {
            int child = 2 * index + 1;
            long childAt = deadlines[child];
            int right = child + 1;
            if (right < size && deadlines[right] < childAt) {
                child = right;
                childAt = deadlines[right];
            }
            if (at <= childAt) {
                break;
            }
            place(heap[child], childAt, index);
            index = child;
        }
        place(c, at, index);
    }
}
