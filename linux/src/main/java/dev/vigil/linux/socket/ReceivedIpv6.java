package dev.vigil.linux.socket;

import java.net.Inet6Address;
import java.nio.ByteBuffer;

/**
 * One IPv6 datagram payload read from a raw socket. Raw IPv6 sockets do not deliver the
 * IPv6 header (ipv6(7), RFC 3542 §3); the source comes from the socket address and the
 * hop limit, destination and interface from the IPV6_HOPLIMIT and IPV6_PKTINFO
 * ancillary data.
 *
 * @param interfaceIndex the arrival interface (IPV6_PKTINFO), 0 if unknown
 * @param source the sender's address
 * @param destination the destination address (IPV6_PKTINFO), null if the kernel gave none
 * @param hopLimit the received hop limit (IPV6_HOPLIMIT), -1 if the kernel gave none
 * @param payload the upper-layer bytes; do not modify
 */
public record ReceivedIpv6(int interfaceIndex, Inet6Address source, Inet6Address destination, int hopLimit,
        byte[] payload) {

    /** The payload as a read-only buffer. */
    public ByteBuffer payloadBuffer() {
        return ByteBuffer.wrap(payload).asReadOnlyBuffer();
    }
}
