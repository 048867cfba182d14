package dev.vigil.ipvs.sched;

import static dev.vigil.ipvs.sched.Dests.toAddress;
import static dev.vigil.ipvs.sched.Dests.weights;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.common.time.FakeScheduler;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lblc/lblcr cache clean-up (ip_vs_lblc(r)_check_expire) on a fake clock. */
class LocalityCacheCollectorTest {

    private static final long MINUTE = Duration.ofMinutes(1).toNanos();

    /** Expiration 10 min, entry timeout 6 min, at most 4 entries, full sweep every 3rd run. */
    private final LocalityCacheSettings settings = new LocalityCacheSettings(Duration.ofMinutes(10),
            Duration.ofMinutes(6), Duration.ofSeconds(60), 4, 3);

    @Test
    void overTheLimitItDropsUpToFourThirdsOfTheExcessIdleForTheEntryTimeout() {
        LocalityCacheCollector collector = new LocalityCacheCollector(settings);
        Map<String, Long> lastUse = new LinkedHashMap<>();
        for (int i = 0; i < 7; i++) {
            lastUse.put("idle" + i, 0L);      // idle 7 min at now: past the entry timeout
        }
        lastUse.put("busy", 6 * MINUTE);      // idle 1 min: kept
        collector.collect(lastUse, Long::longValue, 7 * MINUTE); // run 1: 8 > 4 → goal min(16/3, 2) = 2
        assertEquals(6, lastUse.size());
        assertEquals(List.of("idle2", "idle3", "idle4", "idle5", "idle6", "busy"), List.copyOf(lastUse.keySet()));
    }

    @Test
    void underTheLimitOnlyTheFullSweepRemovesAndOnlyPastTheExpiration() {
        LocalityCacheCollector collector = new LocalityCacheCollector(settings);
        Map<String, Long> lastUse = new LinkedHashMap<>(Map.of("old", 0L, "recent", 5 * MINUTE));
        collector.collect(lastUse, Long::longValue, 11 * MINUTE); // run 1 → 2
        collector.collect(lastUse, Long::longValue, 11 * MINUTE); // run 2 → 3
        assertEquals(2, lastUse.size());
        collector.collect(lastUse, Long::longValue, 11 * MINUTE); // run 3: full sweep
        assertEquals(List.of("recent"), List.copyOf(lastUse.keySet()));
    }

    @Test
    void lblcrUsesTheSameCollection() {
        FakeScheduler clock = new FakeScheduler();
        List<RealServer> list = weights(1);
        LocalityBasedLeastConnectionReplication lblcr = new LocalityBasedLeastConnectionReplication(clock, settings);
        lblcr.schedule(list, toAddress("192.0.2.1"));
        clock.advance(5 * MINUTE);
        lblcr.schedule(list, toAddress("192.0.2.2"));
        clock.advance(6 * MINUTE);
        lblcr.collectGarbage();
        lblcr.collectGarbage();
        assertEquals(2, lblcr.cacheSize());
        lblcr.collectGarbage(); // full sweep: 192.0.2.1 idle 11 min ≥ 10
        assertEquals(1, lblcr.cacheSize());
    }
}
