package dev.vigil.daemon.signal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One VRRP instance's counters, as keepalived keeps them ({@code vrrp_stats} in vrrp.h) and
 * prints them in {@code keepalived.stats} and {@code keepalived.json}.
 *
 * @param instance             the instance name ({@code vrrp_instance NAME})
 * @param advertsReceived      advertisements received
 * @param advertsSent          advertisements sent
 * @param becameMaster         transitions to MASTER
 * @param releasedMaster       transitions out of MASTER
 * @param lengthErrors         packets with a bad length
 * @param ttlErrors            packets with TTL / hop limit other than 255
 * @param invalidTypeReceived  packets whose type is not ADVERTISEMENT
 * @param advertIntervalErrors adverts whose interval differs from ours
 * @param addressListErrors    adverts whose address list differs from ours
 * @param invalidAuthType      VRRPv2 packets with an unknown auth type
 * @param authTypeMismatch     VRRPv2 packets whose auth type differs from ours
 * @param authFailures         VRRPv2 packets whose password is wrong
 * @param priorityZeroReceived priority-0 adverts received
 * @param priorityZeroSent     priority-0 adverts sent
 */
public record InstanceStats(String instance, long advertsReceived, long advertsSent, long becameMaster,
                            long releasedMaster, long lengthErrors, long ttlErrors, long invalidTypeReceived,
                            long advertIntervalErrors, long addressListErrors, long invalidAuthType,
                            long authTypeMismatch, long authFailures, long priorityZeroReceived,
                            long priorityZeroSent) {

    public InstanceStats {
        Objects.requireNonNull(instance, "instance");
    }

    /** All counters zero. */
    public static InstanceStats zero(String instance) {
        return new InstanceStats(instance, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /**
     * The counters under keepalived's JSON names ({@code vrrp_json.c}), in its order, so tools
     * that read {@code keepalived.json} (Prometheus exporters) read Vigil's unchanged.
     */
    public Map<String, Long> keepalivedJson() {
        Map<String, Long> json = new LinkedHashMap<>();
        json.put("advert_rcvd", advertsReceived);
        json.put("advert_sent", advertsSent);
        json.put("become_master", becameMaster);
        json.put("release_master", releasedMaster);
        json.put("packet_len_err", lengthErrors);
        json.put("advert_interval_err", advertIntervalErrors);
        json.put("ip_ttl_err", ttlErrors);
        json.put("invalid_type_rcvd", invalidTypeReceived);
        json.put("addr_list_err", addressListErrors);
        json.put("invalid_authtype", invalidAuthType);
        json.put("authtype_mismatch", authTypeMismatch);
        json.put("auth_failure", authFailures);
        json.put("pri_zero_rcvd", priorityZeroReceived);
        json.put("pri_zero_sent", priorityZeroSent);
        return json;
    }
}
