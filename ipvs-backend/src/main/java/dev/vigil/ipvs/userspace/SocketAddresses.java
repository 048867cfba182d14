package dev.vigil.ipvs.userspace;

import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED;

import dev.vigil.ipvs.IpAddress;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * {@code struct sockaddr_in} / {@code sockaddr_in6} in native memory: written for bind(2)
 * and connect(2), read back from accept(2). The family is in host order, ports and
 * addresses in network order (Linux {@code <netinet/in.h>}).
 */
final class SocketAddresses {

    /** Room for a sockaddr_in6 (28 bytes), rounded up. */
    static final int MAX_LENGTH = 32;
    private static final int IPV4_LENGTH = 16;
    private static final int IPV6_LENGTH = 28;
    private static final ValueLayout.OfShort PORT = JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt IPV4 = JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfLong IPV6_HALF = JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    /** The ::ffff:0:0/96 prefix of an IPv4-mapped IPv6 address, as the high half and the top of the low half. */
    private static final long MAPPED_LOW_PREFIX = 0x0000_ffff_0000_0000L;

    private SocketAddresses() {
    }

    static int family(IpAddress address) {
        return address.isIpv4() ? NativeSockets.AF_INET : NativeSockets.AF_INET6;
    }

    /** Writes {@code address:port} at the start of {@code into}; returns the length to pass. */
    static int write(MemorySegment into, IpAddress address, int port) {
        into.fill((byte) 0);
        into.set(PORT, 2, (short) port);
        if (address.isIpv4()) {
            into.set(JAVA_SHORT, 0, (short) NativeSockets.AF_INET);
            into.set(IPV4, 4, address.ipv4Bits());
            return IPV4_LENGTH;
        }
        into.set(JAVA_SHORT, 0, (short) NativeSockets.AF_INET6);
        into.set(IPV6_HALF, 8, address.high());
        into.set(IPV6_HALF, 16, address.low());
        return IPV6_LENGTH;
    }

    /**
     * The address accept(2) wrote; an IPv4-mapped IPv6 address becomes the IPv4 address, as
     * {@link java.net.InetAddress} reports it.
     */
    static IpAddress address(MemorySegment from) {
        if (from.get(JAVA_SHORT, 0) == NativeSockets.AF_INET) {
            return IpAddress.ipv4(from.get(IPV4, 4));
        }
        long high = from.get(IPV6_HALF, 8);
        long low = from.get(IPV6_HALF, 16);
        if (high == 0 && (low & 0xffff_ffff_0000_0000L) == MAPPED_LOW_PREFIX) {
            return IpAddress.ipv4((int) low);
        }
        return IpAddress.ipv6(high, low);
    }

    static int port(MemorySegment from) {
        return Short.toUnsignedInt(from.get(PORT, 2));
    }
}
