package dev.vigil.vrrp.codec;

import java.net.Inet4Address;
import java.net.Inet6Address;

/** Checksum contributions of the pseudo-headers VRRPv3 puts in front of its message. */
final class PseudoHeader {

    private PseudoHeader() {
    }

    /**
     * IPv4: {source, destination, zero, protocol 112, message length}, 12 bytes. RFC 5798 §5.2.8
     * names the IPv6 pseudo-header; keepalived ({@code ipv4_phdr_t}) and Wireshark apply this
     * IPv4 analogue, and so do we unless {@code v3_checksum_as_v2} is set.
     */
    static long ipv4(Inet4Address source, Inet4Address destination, int messageLength) {
        long acc = InternetChecksum.add(0, source.getAddress(), 0, 4);
        acc = InternetChecksum.add(acc, destination.getAddress(), 0, 4);
        acc = InternetChecksum.addWord(acc, VrrpWire.PROTOCOL);
        return InternetChecksum.addWord(acc, messageLength);
    }

    /**
     * IPv6 (RFC 8200 §8.1, formerly RFC 2460 §8.1): {source, destination, 32-bit upper-layer
     * length, 24 zero bits, next header 112}. The kernel computes the same sum for
     * {@code IPV6_CHECKSUM}.
     */
    static long ipv6(Inet6Address source, Inet6Address destination, int messageLength) {
        long acc = InternetChecksum.add(0, source.getAddress(), 0, 16);
        acc = InternetChecksum.add(acc, destination.getAddress(), 0, 16);
        acc = InternetChecksum.addWord(acc, messageLength >>> 16);
        acc = InternetChecksum.addWord(acc, messageLength);
        return InternetChecksum.addWord(acc, VrrpWire.PROTOCOL);
    }
}
