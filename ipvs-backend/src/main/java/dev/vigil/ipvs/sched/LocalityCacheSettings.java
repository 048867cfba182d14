package dev.vigil.ipvs.sched;

import java.time.Duration;

/**
 * Timing of the lblc/lblcr destination caches (ip_vs_lblc.c / ip_vs_lblcr.c constants).
 *
 * @param expiration    sysctl {@code lblc_expiration} / {@code lblcr_expiration}: idle time
 *                      after which the full sweep drops an entry (lblcr: also how long a
 *                      set must stay unchanged before its busiest member is dropped)
 * @param entryTimeout  ENTRY_TIMEOUT: idle time after which an entry may go when the cache
 *                      is over its size
 * @param checkInterval CHECK_EXPIRE_INTERVAL: how often the owner should call
 *                      {@code collectGarbage}
 * @param maxEntries    cache size above which stale entries are collected
 *                      (16 × the 2^10-bucket table)
 * @param fullSweepEvery COUNT_FOR_FULL_EXPIRATION: every n-th collection is a full sweep
 */
public record LocalityCacheSettings(Duration expiration, Duration entryTimeout, Duration checkInterval,
                                    int maxEntries, int fullSweepEvery) {

    /** The kernel defaults: 24 h, 6 min, 60 s, 16 × 1024 entries, every 30th run. */
    public static final LocalityCacheSettings DEFAULT = new LocalityCacheSettings(
            Duration.ofHours(24), Duration.ofMinutes(6), Duration.ofSeconds(60), 16 * 1024, 30);
}
