package dev.vigil.vrrp.codec;

import dev.vigil.linux.packet.InternetChecksum;
import java.net.Inet4Address;
import java.net.Inet6Address;

/** The pseudo-headers VRRPv3 puts in front of its message, as started checksums. */
final class PseudoHeader {

    private PseudoHeader() {
    }

    /**
     * IPv4: {source, destination, zero, protocol 112, message length}, 12 bytes. RFC 5798 §5.2.8
     * names the IPv6 pseudo-header; keepalived ({@code ipv4_phdr_t}) and Wireshark apply this
     * IPv4 analogue, and so do we unless {@code v3_checksum_as_v2} is set.
     */
    static InternetChecksum ipv4(Inet4Address source, Inet4Address destination, int messageLength) {
        return new InternetChecksum().add(source.getAddress()).add(destination.getAddress())
                .add32((long) VrrpWire.PROTOCOL << 16 | messageLength & 0xFFFF);
    }

    /**
     * IPv6 (RFC 8200 §8.1, formerly RFC 2460 §8.1): {source, destination, 32-bit upper-layer
     * length, 24 zero bits, next header 112}. The kernel computes the same sum for
     * {@code IPV6_CHECKSUM}.
     */
    static InternetChecksum ipv6(Inet6Address source, Inet6Address destination, int messageLength) {
        return new InternetChecksum().add(source.getAddress()).add(destination.getAddress())
                .add32(messageLength & 0xFFFFFFFFL).add32(VrrpWire.PROTOCOL);
    }
}
