package dev.vigil.daemon.run;

import dev.vigil.daemon.signal.InstanceStats;
import dev.vigil.vrrp.codec.CheckVerdict.CheckReason;
import dev.vigil.vrrp.codec.RejectReason;
import dev.vigil.vrrp.runtime.InstanceSnapshot;
import dev.vigil.vrrp.runtime.InstanceStatistics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * keepalived's per-instance statistics ({@link InstanceStats}) from the runtime's counters,
 * with keepalived's STATS_CLEAR: the runtime's counters only grow, so clearing records them as
 * a baseline that later readings are reported against. Each typed reject reason is counted
 * under the keepalived statistic it names ({@link RejectReason#keepalivedStatistic()}).
 * Thread-safe.
 */
final class StatsCounters {

    /** Guarded by this. */
    private final Map<String, InstanceStats> baseline = new HashMap<>();

    /** The statistics of every instance since start or the last {@link #clear}. */
    synchronized List<InstanceStats> current(List<InstanceSnapshot> snapshots) {
        return snapshots.stream().map(s -> minus(of(s), baseline.get(s.name()))).toList();
    }

    /** Takes the current readings as the new zero. */
    synchronized void clear(List<InstanceSnapshot> snapshots) {
        for (InstanceSnapshot snapshot : snapshots) {
            baseline.put(snapshot.name(), of(snapshot));
        }
    }

    /** The raw counters of one snapshot under keepalived's names. */
    static InstanceStats of(InstanceSnapshot snapshot) {
        InstanceStatistics s = snapshot.statistics();
        return new InstanceStats(snapshot.name(), s.advertsReceived(), s.advertsSent(), s.becameMaster(),
                s.releasedMaster(), rejects(s, "packet_len_err"), rejects(s, "ip_ttl_err"),
                rejects(s, "invalid_type_rcvd"), checks(s, CheckReason.INTERVAL_MISMATCH), s.addressListErrors(),
                rejects(s, "invalid_authtype"),
                rejects(s, "authtype_mismatch") + checks(s, CheckReason.AUTH_TYPE_MISMATCH),
                checks(s, CheckReason.AUTH_FAILURE) + checks(s, CheckReason.AH_ICV_MISMATCH)
                        + checks(s, CheckReason.AH_SPI_MISMATCH) + checks(s, CheckReason.AH_SEQUENCE_REPLAYED),
                s.priorityZeroReceived(), s.priorityZeroSent());
    }

    private static long rejects(InstanceStatistics s, String keepalivedStatistic) {
        return s.packetRejects().entrySet().stream()
                .filter(e -> e.getKey().keepalivedStatistic().equals(keepalivedStatistic))
                .mapToLong(Map.Entry::getValue).sum();
    }

    private static long checks(InstanceStatistics s, CheckReason reason) {
        return s.checkRejects().getOrDefault(reason, 0L) + s.checkDrops().getOrDefault(reason, 0L);
    }

    private static InstanceStats minus(InstanceStats now, InstanceStats base) {
        if (base == null) {
            return now;
        }
        return new InstanceStats(now.instance(), now.advertsReceived() - base.advertsReceived(),
                now.advertsSent() - base.advertsSent(), now.becameMaster() - base.becameMaster(),
                now.releasedMaster() - base.releasedMaster(), now.lengthErrors() - base.lengthErrors(),
                now.ttlErrors() - base.ttlErrors(), now.invalidTypeReceived() - base.invalidTypeReceived(),
                now.advertIntervalErrors() - base.advertIntervalErrors(),
                now.addressListErrors() - base.addressListErrors(), now.invalidAuthType() - base.invalidAuthType(),
                now.authTypeMismatch() - base.authTypeMismatch(), now.authFailures() - base.authFailures(),
                now.priorityZeroReceived() - base.priorityZeroReceived(),
                now.priorityZeroSent() - base.priorityZeroSent());
    }
}
