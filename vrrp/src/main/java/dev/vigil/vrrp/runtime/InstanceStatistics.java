package dev.vigil.vrrp.runtime;

import dev.vigil.vrrp.codec.CheckVerdict.CheckReason;
import dev.vigil.vrrp.codec.RejectReason;
import java.util.Map;

/**
 * One instance's counters at one moment: what keepalived writes to {@code keepalived.stats}
 * on SIGUSR2 (advertisements received and sent, became / released master, packet and
 * authentication errors, priority zero received and sent), with the errors broken down by
 * Vigil's typed reasons. Each {@link RejectReason} names the keepalived statistic it feeds.
 *
 * @param advertsReceived      adverts that passed every check (keepalived {@code advert_rcvd})
 * @param advertsSent          adverts sent, priority 0 included
 * @param becameMaster         transitions to MASTER
 * @param releasedMaster       transitions out of MASTER
 * @param priorityZeroReceived accepted adverts with priority 0
 * @param priorityZeroSent     adverts sent with priority 0
 * @param addressListErrors    accepted adverts whose address list differed from ours
 *                             (keepalived {@code addr_list_err}; logged, not refused)
 * @param packetRejects        packets the decoder refused, by reason
 * @param checkRejects         adverts the instance's checks refused (keepalived KO), by reason
 * @param checkDrops           adverts ignored as not relevant (keepalived DROP), by reason
 */
public record InstanceStatistics(
        long advertsReceived,
        long advertsSent,
        long becameMaster,
        long releasedMaster,
        long priorityZeroReceived,
        long priorityZeroSent,
        long addressListErrors,
        Map<RejectReason, Long> packetRejects,
        Map<CheckReason, Long> checkRejects,
        Map<CheckReason, Long> checkDrops) {

    public InstanceStatistics {
        packetRejects = Map.copyOf(packetRejects);
        checkRejects = Map.copyOf(checkRejects);
        checkDrops = Map.copyOf(checkDrops);
    }

    /** Packets refused for any reason (decoder and instance checks, drops excluded). */
    public long rejectedTotal() {
        return packetRejects.values().stream().mapToLong(Long::longValue).sum()
                + checkRejects.values().stream().mapToLong(Long::longValue).sum();
    }
}
