package dev.vigil.ipvs.userspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-loop connect deadlines: FIFO order is deadline order; removal is O(1) and idempotent. */
class ConnectDeadlinesTest {

    private static final long TIMEOUT = 5_000;

    private final ConnectDeadlines<String> deadlines = new ConnectDeadlines<>(TIMEOUT);
    private final List<String> expired = new ArrayList<>();

    @Test
    void entriesExpireOldestFirstAtTheirOwnDeadline() {
        deadlines.add("a", 0);
        deadlines.add("b", 1_000);
        deadlines.add("c", 2_000);
        assertEquals(5_000, deadlines.nextDeadlineNanos());
        deadlines.expire(4_999, expired::add);
        assertEquals(List.of(), expired);
        deadlines.expire(6_000, expired::add);
        assertEquals(List.of("a", "b"), expired);
        assertEquals(7_000, deadlines.nextDeadlineNanos());
        assertEquals(1, deadlines.size());
    }

    @Test
    void removedEntriesNeverExpire() {
        ConnectDeadlines.Entry<String> a = deadlines.add("a", 0);
        ConnectDeadlines.Entry<String> b = deadlines.add("b", 10);
        ConnectDeadlines.Entry<String> c = deadlines.add("c", 20);
        deadlines.remove(b);
        deadlines.remove(b);
        assertEquals(2, deadlines.size());
        deadlines.remove(a);
        assertEquals(5_020, deadlines.nextDeadlineNanos(), "the head moves to c");
        deadlines.expire(Long.MAX_VALUE / 2, expired::add);
        assertEquals(List.of("c"), expired);
        deadlines.remove(c);
        assertEquals(0, deadlines.size());
        assertEquals(Long.MAX_VALUE, deadlines.nextDeadlineNanos());
    }

    @Test
    void removingTheTailKeepsLaterAdditionsLinked() {
        deadlines.add("a", 0);
        ConnectDeadlines.Entry<String> b = deadlines.add("b", 1);
        deadlines.remove(b);
        deadlines.add("c", 2);
        deadlines.expire(10_000, expired::add);
        assertEquals(List.of("a", "c"), expired);
    }

    @Test
    void anExpiryHandlerMayRemoveOtherEntries() {
        deadlines.add("a", 0);
        ConnectDeadlines.Entry<String> b = deadlines.add("b", 0);
        deadlines.add("c", 0);
        deadlines.expire(TIMEOUT, item -> {
            expired.add(item);
            deadlines.remove(b);
        });
        assertEquals(List.of("a", "c"), expired);
    }

    @Test
    void deadlinesCompareAcrossNanoTimeWraparound() {
        long start = Long.MAX_VALUE - 1_000;
        deadlines.add("a", start);
        deadlines.expire(start + 4_000, expired::add);
        assertEquals(List.of(), expired);
        deadlines.expire(start + TIMEOUT, expired::add);
        assertEquals(List.of("a"), expired);
    }

    @Test
    void aTimeoutMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new ConnectDeadlines<String>(0));
    }
}
