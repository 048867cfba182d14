package dev.vigil.linux.socket;

import java.net.Inet4Address;
import java.nio.ByteBuffer;

/**
 * One IPv4 datagram read from a raw socket, header included (raw IPv4 sockets always
 * deliver the header, ip(7)), with the fields a VRRP receiver checks already parsed.
 *
 * @param interfaceIndex the interface it arrived on (IP_PKTINFO), 0 if unknown
 * @param source the header's source address
 * @param destination the header's destination address
 * @param ttl the header's time to live
 * @param tos the header's type-of-service byte
 * @param protocol the header's protocol number
 * @param packet the whole datagram, header first; do not modify
 * @param headerLength the header length in bytes (IHL × 4)
 */
public record ReceivedIpv4(int interfaceIndex, Inet4Address source, Inet4Address destination, int ttl, int tos,
        int protocol, byte[] packet, int headerLength) {

    /** The bytes after the IPv4 header, as a read-only buffer. */
    public ByteBuffer payload() {
        return ByteBuffer.wrap(packet, headerLength, packet.length - headerLength).slice().asReadOnlyBuffer();
    }
}
