package dev.vigil.vrrp.codec;

/** Which checksum form a decoded advertisement passed. */
public enum ChecksumMatch {
    /** RFC 1071 over the message alone: VRRPv2, or v3 with {@code v3_checksum_as_v2}. */
    MESSAGE_ONLY,
    /** VRRPv3 IPv4 pseudo-header with the packet's real destination. */
    PSEUDO_HEADER,
    /** VRRPv3 IPv4 pseudo-header with the group as destination, as configured (old unicast form). */
    PSEUDO_HEADER_GROUP_DESTINATION,
    /**
     * The real destination failed but the group destination matched: the peer is keepalived
     * ≤ 1.3.6. The runtime should switch this instance to the old form for sending and receiving.
     */
    OLD_UNICAST_DETECTED,
    /** IPv6 pseudo-header, verified here. */
    IPV6_PSEUDO_HEADER,
    /** IPv6: the kernel verified it ({@code IPV6_CHECKSUM}). */
    KERNEL_VERIFIED
}
