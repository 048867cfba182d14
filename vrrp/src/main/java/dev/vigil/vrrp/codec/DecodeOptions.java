package dev.vigil.vrrp.codec;

import java.net.Inet4Address;
import java.util.Objects;

/**
 * How to read checksums that keepalived lets an instance interpret in more than one way.
 * These are wire-format choices, not acceptance rules; the runtime derives them from the
 * instance's settings.
 *
 * @param v3ChecksumAsV2     keepalived {@code v3_checksum_as_v2}: VRRPv3 over IPv4 without the
 *                           pseudo-header (Cisco/Juniper reading of RFC 5798 §5.2.8, RFC 9568)
 * @param oldUnicastChecksum keepalived {@code old_unicast_checksum}
 * @param ipv4Group          the IPv4 group ({@code vrrp_mcast_group4}) the old unicast form used
 */
public record DecodeOptions(boolean v3ChecksumAsV2, OldUnicastChecksum oldUnicastChecksum, Inet4Address ipv4Group) {

    /** keepalived's defaults: pseudo-header, detect the old unicast form, group 224.0.0.18. */
    public static final DecodeOptions DEFAULT =
            new DecodeOptions(false, OldUnicastChecksum.DETECT, VrrpWire.IPV4_GROUP);

    public DecodeOptions {
        Objects.requireNonNull(oldUnicastChecksum, "oldUnicastChecksum");
        Objects.requireNonNull(ipv4Group, "ipv4Group");
    }

    /** Same options with {@code v3_checksum_as_v2} set as given. */
    public DecodeOptions withV3ChecksumAsV2(boolean asV2) {
        return new DecodeOptions(asV2, oldUnicastChecksum, ipv4Group);
    }

    /** Same options with another old-unicast-checksum mode. */
    public DecodeOptions withOldUnicastChecksum(OldUnicastChecksum mode) {
        return new DecodeOptions(v3ChecksumAsV2, mode, ipv4Group);
    }

    /**
     * keepalived ≤ 1.3.6 put the multicast group, not the unicast peer, in the destination of
     * the VRRPv3 IPv4 pseudo-header (keepalived {@code CHKSUM_COMPATIBILITY_*}).
     */
    public enum OldUnicastChecksum {
        /**
         * Default: use the real destination; when that fails for a unicast packet, retry with
         * the group and report {@link ChecksumMatch#OLD_UNICAST_DETECTED} (keepalived then
         * switches the instance to the old form).
         */
        DETECT,
        /** {@code old_unicast_checksum never}: real destination only. */
        NEVER,
        /** {@code old_unicast_checksum} (or detected earlier): always the group. */
        ALWAYS
    }
}
