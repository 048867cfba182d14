package dev.vigil.ipvs.sched;

import static dev.vigil.ipvs.sched.Dests.setActive;
import static dev.vigil.ipvs.sched.Dests.toAddress;
import static dev.vigil.ipvs.sched.Dests.weights;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.vigil.common.time.FakeScheduler;
import dev.vigil.ipvs.IpAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** lblc / lblcr caches with a fake clock. */
class LocalityTest {

    private final FakeScheduler clock = new FakeScheduler();

    @Test
    void lblcSticksToTheRememberedServerWhileItIsNotBusierThanOthers() {
        List<RealServer> list = weights(1, 1);
        LocalityBasedLeastConnection lblc = new LocalityBasedLeastConnection(clock, LocalityCacheSettings.DEFAULT);
        DestinationView first = lblc.schedule(list, toAddress("93.184.216.34"));
        assertSame(list.get(0), first);
        setActive(list.get(0), 1, 0);
        // A has 1 active (not > weight 1): still A, although B is idle
        assertSame(first, lblc.schedule(list, toAddress("93.184.216.34")));
        setActive(list.get(0), 1, 0);
        // A has 2 > 1 and B runs below half its weight: re-pick by wlc → B, remembered
        assertSame(list.get(1), lblc.schedule(list, toAddress("93.184.216.34")));
        assertEquals(1, lblc.cacheSize());
    }

    @Test
    void lblcRepicksWhenTheRememberedServerIsQuiescedOrGone() {
        List<RealServer> list = weights(1, 1);
        LocalityBasedLeastConnection lblc = new LocalityBasedLeastConnection(clock, LocalityCacheSettings.DEFAULT);
        assertSame(list.get(0), lblc.schedule(list, toAddress("192.0.2.80")));
        list.get(0).update(list.get(0).settings().withWeight(0));
        assertSame(list.get(1), lblc.schedule(list, toAddress("192.0.2.80")));
        list.get(1).markUnavailable();
        list.get(0).update(list.get(0).settings().withWeight(1));
        assertSame(list.get(0), lblc.schedule(list.subList(0, 1), toAddress("192.0.2.80")));
    }

    @Test
    void lblcFullSweepDropsEntriesIdleForTheExpiration() {
        LocalityCacheSettings settings = new LocalityCacheSettings(Duration.ofMinutes(10), Duration.ofMinutes(6),
                Duration.ofSeconds(60), 16 * 1024, 3);
        List<RealServer> list = weights(1);
        LocalityBasedLeastConnection lblc = new LocalityBasedLeastConnection(clock, settings);
        lblc.schedule(list, toAddress("192.0.2.1"));
        clock.advance(Duration.ofMinutes(5).toNanos());
        lblc.schedule(list, toAddress("192.0.2.2"));
        clock.advance(Duration.ofMinutes(6).toNanos());
        lblc.collectGarbage(); // run 1 → 2
        lblc.collectGarbage(); // run 2 → 3
        assertEquals(2, lblc.cacheSize());
        lblc.collectGarbage(); // run 3: full sweep, 192.0.2.1 idle 11 min ≥ 10
        assertEquals(1, lblc.cacheSize());
    }

    @Test
    void lblcrGrowsTheSetWhenItsMinimumIsBusyAndShrinksAfterExpiration() {
        LocalityCacheSettings settings = new LocalityCacheSettings(Duration.ofMinutes(1), Duration.ofMinutes(6),
                Duration.ofSeconds(60), 16 * 1024, 30);
        List<RealServer> list = weights(1, 4);
        LocalityBasedLeastConnectionReplication lblcr =
                new LocalityBasedLeastConnectionReplication(clock, settings);
        IpAddress site = IpAddress.of("198.51.100.80");
        setActive(list.get(1), 1, 0);
        assertSame(list.get(0), lblcr.schedule(list, toAddress("198.51.100.80")));
        setActive(list.get(0), 2, 0);
        // A: 2 active > weight 1 while B runs below half of 4 → wlc over all → B joins the set
        assertSame(list.get(1), lblcr.schedule(list, toAddress("198.51.100.80")));
        assertEquals(List.of(list.get(1), list.get(0)), lblcr.members(site));
        clock.advance(Duration.ofMinutes(2).toNanos());
        // set unchanged for longer than the expiration: its most loaded member (A: 512/1) leaves
        DestinationView d = lblcr.schedule(list, toAddress("198.51.100.80"));
        assertSame(list.get(1), d);
        assertEquals(List.of(list.get(1)), lblcr.members(site));
        assertNotSame(list.get(0), d);
    }
}
