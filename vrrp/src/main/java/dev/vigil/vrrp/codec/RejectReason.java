package dev.vigil.vrrp.codec;

/**
 * Why {@link VrrpDecoder} refused a packet: the checks of keepalived's receive path that need
 * nothing but the packet and the socket (reference §2.4). Each names the keepalived statistic
 * it corresponds to, so counters line up with {@code keepalived.stats}; reasons keepalived
 * has no counter for say {@code "none"}.
 *
 * <p>Checks that need the instance's configuration are {@link AdvertChecker}'s.
 */
public enum RejectReason {
    /**
     * Shorter than the IP header (when included), the IPsec AH header (protocol 51) and the
     * 8-byte VRRP header ({@code vrrp_get_header}).
     */
    TOO_SHORT_FOR_HEADER("none"),
    /** Included IPv4 header is not version 4 or has IHL below 5. Not checked by keepalived. */
    MALFORMED_IP_HEADER("none"),
    /** Included IPv4 header names a protocol other than 112 or 51. Not checked by keepalived. */
    NOT_VRRP_PROTOCOL("none"),
    /** The address count (and v2 auth bytes) need more bytes than arrived (check #2, "too short"). */
    TOO_SHORT_FOR_ADDRESSES("packet_len_err"),
    /** More bytes than the count needs, beyond Ethernet padding (check #2, "too long"). */
    TOO_LONG("packet_len_err"),
    /** Multicast with TTL / hop limit other than 255 (check #3, RFC 3768 §7.1, RFC 5798 §7.1). */
    TTL_NOT_255("ip_ttl_err"),
    /** Version nibble is neither 2 nor 3 (check #4). */
    UNSUPPORTED_VERSION("vers_err"),
    /** VRRPv2 auth type other than 0, 1, 2 (check #6). */
    INVALID_AUTH_TYPE("invalid_authtype"),
    /** Type nibble is not 1 = ADVERTISEMENT (check #11). */
    INVALID_TYPE("invalid_type_rcvd"),
    /** IPv4 total length differs from the received length, beyond padding (check #12). */
    IP_TOTAL_LENGTH_MISMATCH("packet_len_err"),
    /** VRRPv2 checksum over header, addresses and auth bytes (check #14, RFC 3768 §5.3.8). */
    BAD_CHECKSUM_V2("chk_err"),
    /** VRRPv3 IPv4 pseudo-header checksum with the real destination (and, when detecting, the old form). */
    BAD_CHECKSUM_V3("chk_err"),
    /** VRRPv3 checksum without pseudo-header ({@code v3_checksum_as_v2}). */
    BAD_CHECKSUM_V3_AS_V2("chk_err"),
    /** VRRPv3 pseudo-header checksum with the group as destination ({@code old_unicast_checksum}). */
    BAD_CHECKSUM_V3_OLD_UNICAST("chk_err"),
    /** IPv6 pseudo-header checksum, when the kernel did not verify it (RFC 5798 §5.2.8). */
    BAD_CHECKSUM_IPV6("chk_err");

    private final String keepalivedStatistic;

    RejectReason(String keepalivedStatistic) {
        this.keepalivedStatistic = keepalivedStatistic;
    }

    /** The keepalived statistic this reason is counted under, or {@code "none"}. */
    public String keepalivedStatistic() {
        return keepalivedStatistic;
    }
}
