package dev.vigil.vrrp.runtime;

import dev.vigil.vrrp.codec.CheckVerdict.CheckReason;
import dev.vigil.vrrp.codec.RejectReason;
import java.util.EnumMap;
import java.util.Map;

/** The mutable counters behind {@link InstanceStatistics}. Confined to the event loop. */
final class InstanceCounters {

    long advertsReceived;
    long advertsSent;
    long becameMaster;
    long releasedMaster;
    long priorityZeroReceived;
    long priorityZeroSent;
    long addressListErrors;
    private final Map<RejectReason, Long> packetRejects = new EnumMap<>(RejectReason.class);
    private final Map<CheckReason, Long> checkRejects = new EnumMap<>(CheckReason.class);
    private final Map<CheckReason, Long> checkDrops = new EnumMap<>(CheckReason.class);

    void packetRejected(RejectReason reason) {
        packetRejects.merge(reason, 1L, Long::sum);
    }

    void checkRejected(CheckReason reason) {
        checkRejects.merge(reason, 1L, Long::sum);
    }

    void checkDropped(CheckReason reason) {
        checkDrops.merge(reason, 1L, Long::sum);
    }

    InstanceStatistics snapshot() {
        return new InstanceStatistics(advertsReceived, advertsSent, becameMaster, releasedMaster,
                priorityZeroReceived, priorityZeroSent, addressListErrors, packetRejects, checkRejects, checkDrops);
    }
}
