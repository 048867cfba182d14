package dev.vigil.vrrp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.linux.rtnetlink.Link;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a link dump after a notification overflow reveals about the deletions that were lost. */
class RtLinkMonitorTest {

    private static Link link(int index, String name) {
        return new Link(index, name, Optional.empty(), 1500, Link.IFF_UP, 6);
    }

    @Test
    void aNameGoneOrThereUnderAnotherIndexWasDeleted() {
        Map<String, Integer> before = Map.of("eth0", 2, "vrrp.51", 7, "eth1", 3, "bond0", 4);
        List<Link> now = List.of(link(2, "eth0"), link(9, "vrrp.51"), link(5, "eth9"));
        assertEquals(Map.of("vrrp.51", 7, "eth1", 3, "bond0", 4), RtLinkMonitor.missedDeletions(before, now),
                "vrrp.51 made again under index 9, eth1 and bond0 gone; eth9 was never known");
    }

    @Test
    void nothingChangedNothingMissed() {
        assertEquals(Map.of(), RtLinkMonitor.missedDeletions(Map.of("eth0", 2), List.of(link(2, "eth0"))));
    }
}
