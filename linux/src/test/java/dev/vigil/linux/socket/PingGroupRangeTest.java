package dev.vigil.linux.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PingGroupRangeTest {

    @Test
    void parsesTheSysctlText() {
        assertEquals(Optional.of(new PingGroupRange(1, 0)), PingGroupRange.parse("1\t0\n"));
        assertEquals(Optional.of(new PingGroupRange(0, 2147483647)), PingGroupRange.parse("0 2147483647"));
        assertEquals(Optional.empty(), PingGroupRange.parse("1"));
        assertEquals(Optional.empty(), PingGroupRange.parse("a b"));
    }

    @Test
    void theDefaultRangeAdmitsNobody() {
        PingGroupRange defaults = PingGroupRange.parse("1\t0").orElseThrow();
        assertFalse(defaults.admitsAny(List.of(0L)));
        assertFalse(defaults.admitsAny(List.of(1L, 1000L)));
    }

    @Test
    void aSupplementaryGroupIsEnough() {
        PingGroupRange range = new PingGroupRange(100, 200);
        assertFalse(range.admitsAny(List.of(1000L)));
        assertTrue(range.admitsAny(List.of(1000L, 150L)));
        assertTrue(range.admitsAny(List.of(100L)));
        assertTrue(range.admitsAny(List.of(200L)));
    }

    @Test
    void readsTheEffectiveGidFirstThenTheGroups() {
        String status = "Name:\tjava\nUid:\t1000\t1000\t1000\t1000\nGid:\t1000\t1001\t1000\t1000\n"
                + "FDSize:\t64\nGroups:\t4 24 27 \nNStgid:\t5\n";
        assertEquals(List.of(1001L, 4L, 24L, 27L), PingGroupRange.groupsFromStatus(status));
        assertEquals(List.of(0L), PingGroupRange.groupsFromStatus("Gid:\t0\t0\t0\t0\nGroups:\t\n"));
    }
}
