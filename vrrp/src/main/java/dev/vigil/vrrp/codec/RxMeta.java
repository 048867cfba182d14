package dev.vigil.vrrp.codec;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * What the receiving socket knows about a packet besides its bytes.
 *
 * <p>An IPv4 raw socket hands over the IP header with the payload; then source, destination
 * and TTL come from that header and the fields here are unused ({@link #ipv4WithHeader()}).
 * An IPv6 raw socket never does: the source comes from {@code recvmsg}'s address, the
 * destination from {@code IPV6_PKTINFO} and the hop limit from {@code IPV6_HOPLIMIT}; with
 * {@code IPV6_CHECKSUM} set the kernel has already verified the checksum.
 *
 * @param family                   the socket's address family
 * @param ipHeaderIncluded         the buffer starts with the IPv4 header (IPv4 only)
 * @param source                   packet source; null when taken from the included header
 * @param destination              packet destination; null when taken from the included header
 * @param hopLimit                 TTL / hop limit, or {@link #UNKNOWN_HOP_LIMIT}
 * @param checksumVerifiedByKernel the kernel checked the checksum (IPv6 {@code IPV6_CHECKSUM})
 */
public record RxMeta(
        AddressFamily family,
        boolean ipHeaderIncluded,
        InetAddress source,
        InetAddress destination,
        int hopLimit,
        boolean checksumVerifiedByKernel) {

    /** The hop limit was not delivered (no cmsg); keepalived then skips the TTL check. */
    public static final int UNKNOWN_HOP_LIMIT = -1;

    public RxMeta {
        if (family == null) {
            throw new IllegalArgumentException("family is required");
        }
        if (ipHeaderIncluded && family != AddressFamily.IPV4) {
            throw new IllegalArgumentException("only IPv4 raw sockets deliver the IP header");
        }
        if (!ipHeaderIncluded && (source == null || destination == null
                || !family.holds(source) || !family.holds(destination))) {
            throw new IllegalArgumentException("without an IP header, " + family + " source and destination are required");
        }
        if (hopLimit < UNKNOWN_HOP_LIMIT || hopLimit > 255) {
            throw new IllegalArgumentException("hop limit " + hopLimit + " is outside 0..255");
        }
    }

    /** IPv4 raw socket: everything comes from the IP header in the buffer. */
    public static RxMeta ipv4WithHeader() {
        return new RxMeta(AddressFamily.IPV4, true, null, null, UNKNOWN_HOP_LIMIT, false);
    }

    /** IPv4 payload whose header was removed by the caller. */
    public static RxMeta ipv4(Inet4Address source, Inet4Address destination, int ttl) {
        return new RxMeta(AddressFamily.IPV4, false, source, destination, ttl, false);
    }

    /** IPv6 payload; {@code kernelVerified} when the socket has {@code IPV6_CHECKSUM} set. */
    public static RxMeta ipv6(Inet6Address source, Inet6Address destination, int hopLimit, boolean kernelVerified) {
        return new RxMeta(AddressFamily.IPV6, false, source, destination, hopLimit, kernelVerified);
    }
}
