package dev.vigil.ipvs.userspace;

import java.util.function.Consumer;

/**
 * The connections of one event loop that wait for their real server to answer, oldest
 * first. All of them share the loop's connect timeout, so the order they started in is
 * also the order their deadlines fall in: adding and removing are O(1) (a doubly linked
 * list), and the earliest deadline is always at the head — one timer per loop is enough,
 * instead of one per connection. Pure: time comes in as arguments; not thread-safe (the
 * loop owns it).
 *
 * @param <T> what times out (a session)
 */
final class ConnectDeadlines<T> {

    /** One waiting connection; {@link #remove} it when the connect ends either way. */
    static final class Entry<T> {
        private final T item;
        private final long deadlineNanos;
        private Entry<T> previous;
        private Entry<T> next;
        private boolean linked;

        private Entry(T item, long deadlineNanos) {
            this.item = item;
            this.deadlineNanos = deadlineNanos;
        }
    }

    private final long timeoutNanos;
    private Entry<T> head;
    private Entry<T> tail;
    private int size;

    ConnectDeadlines(long timeoutNanos) {
        if (timeoutNanos <= 0) {
            throw new IllegalArgumentException("timeout must be positive: " + timeoutNanos);
        }
        this.timeoutNanos = timeoutNanos;
    }

    /** {@code item} started connecting at {@code nowNanos}. */
    Entry<T> add(T item, long nowNanos) {
        Entry<T> e = new Entry<>(item, nowNanos + timeoutNanos);
        e.previous = tail;
        if (tail == null) {
            head = e;
        } else {
            tail.next = e;
        }
        tail = e;
        e.linked = true;
        size++;
        return e;
    }

    /** Takes the entry out; a second call, or one after it expired, does nothing. */
    void remove(Entry<T> e) {
        if (!e.linked) {
            return;
        }
        if (e.previous == null) {
            head = e.next;
        } else {
            e.previous.next = e.next;
        }
        if (e.next == null) {
            tail = e.previous;
        } else {
            e.next.previous = e.previous;
        }
        e.previous = null;
        e.next = null;
        e.linked = false;
        size--;
    }

    /** Removes every entry due at {@code nowNanos} and hands its item to {@code timedOut}, oldest first. */
    void expire(long nowNanos, Consumer<T> timedOut) {
        while (head != null && head.deadlineNanos - nowNanos <= 0) {
            Entry<T> due = head;
            remove(due);
            timedOut.accept(due.item);
        }
    }

    /** The earliest deadline, or {@code Long.MAX_VALUE} when nothing waits. */
    long nextDeadlineNanos() {
        return head == null ? Long.MAX_VALUE : head.deadlineNanos;
    }

    int size() {
        return size;
    }
}
