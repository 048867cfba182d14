package dev.vigil.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ErrnoTest {

    @Test
    void namesTheNumbersVigilMeets() {
        assertEquals("EPERM", Errno.nameOf(1));
        assertEquals("ENOENT", Errno.nameOf(2));
        assertEquals("EEXIST", Errno.nameOf(17));
        assertEquals("ENODEV", Errno.nameOf(19));
        assertEquals("EADDRNOTAVAIL", Errno.nameOf(99));
        assertEquals("ENOBUFS", Errno.nameOf(105));
        assertEquals("EACCES", Errno.nameOf(13));
    }

    @Test
    void describesWithStrerrorText() {
        assertEquals("EPERM (Operation not permitted)", Errno.describe(1));
        assertEquals("EADDRNOTAVAIL (Cannot assign requested address)", Errno.describe(99));
    }

    @Test
    void unknownNumbersStayReadable() {
        assertEquals("errno 200", Errno.nameOf(200));
        assertEquals("errno 200", Errno.describe(200));
        assertTrue(Errno.of(200).isEmpty());
    }

    @Test
    void codesAreUniqueAndRoundTrip() {
        Set<Integer> seen = new HashSet<>();
        assertTrue(Errno.values().length > 30, "table has the common errnos");
        for (Errno errno : Errno.values()) {
            assertTrue(seen.add(errno.code()), "duplicate code " + errno.code());
            assertEquals(errno, Errno.of(errno.code()).orElseThrow());
            assertTrue(errno.is(errno.code()));
        }
    }
}
