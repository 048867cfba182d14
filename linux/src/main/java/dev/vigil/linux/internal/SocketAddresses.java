package dev.vigil.linux.internal;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Socket address structures (uapi {@code linux/in.h}, {@code linux/in6.h},
 * {@code linux/if_packet.h}, {@code linux/netlink.h}) written into arena memory.
 * Family fields are host order; ports and the packet protocol are network order.
 */
public final class SocketAddresses {

    /** AF_INET. */
    public static final int AF_INET = 2;
    /** AF_INET6. */
    public static final int AF_INET6 = 10;
    /** AF_NETLINK. */
    public static final int AF_NETLINK = 16;
    /** AF_PACKET. */
    public static final int AF_PACKET = 17;

    /** sizeof(struct sockaddr_in): family, port, 4-byte address, 8 bytes of zero. */
    public static final int SOCKADDR_IN_SIZE = 16;
    /** sizeof(struct sockaddr_in6): family, port, flowinfo, 16-byte address, scope id. */
    public static final int SOCKADDR_IN6_SIZE = 28;
    /** sizeof(struct sockaddr_ll): family, protocol, ifindex, hatype, pkttype, halen, addr[8]. */
    public static final int SOCKADDR_LL_SIZE = 20;
    /** sizeof(struct sockaddr_nl): family, pad, pid, groups. */
    public static final int SOCKADDR_NL_SIZE = 12;

    private SocketAddresses() {
    }

    /** struct sockaddr_in for {@code address}, port 0. */
    public static MemorySegment inet4(Arena arena, Inet4Address address) {
        MemorySegment sa = arena.allocate(SOCKADDR_IN_SIZE, 4);
        sa.set(JAVA_SHORT, 0, (short) AF_INET);
        MemorySegment.copy(address.getAddress(), 0, sa, JAVA_BYTE, 4, 4);
        return sa;
    }

    /** struct sockaddr_in6 for {@code address} with the given scope (interface index, 0 for none). */
    public static MemorySegment inet6(Arena arena, Inet6Address address, int scopeId) {
        MemorySegment sa = arena.allocate(SOCKADDR_IN6_SIZE, 4);
        sa.set(JAVA_SHORT, 0, (short) AF_INET6);
        MemorySegment.copy(address.getAddress(), 0, sa, JAVA_BYTE, 8, 16);
        sa.set(JAVA_INT, 24, scopeId);
        return sa;
    }

    /**
     * struct sockaddr_ll for sending on a packet socket.
     *
     * @param etherType the frame's EtherType (host value, written big-endian)
     * @param destination 6-byte destination MAC
     */
    public static MemorySegment link(Arena arena, int interfaceIndex, int etherType, byte[] destination) {
        MemorySegment sa = arena.allocate(SOCKADDR_LL_SIZE, 4);
        sa.set(JAVA_SHORT, 0, (short) AF_PACKET);
        sa.set(JAVA_BYTE, 2, (byte) (etherType >>> 8));
        sa.set(JAVA_BYTE, 3, (byte) etherType);
        sa.set(JAVA_INT, 4, interfaceIndex);
        sa.set(JAVA_BYTE, 11, (byte) destination.length);
        MemorySegment.copy(destination, 0, sa, JAVA_BYTE, 12, destination.length);
        return sa;
    }

    /** struct sockaddr_nl with the given port id and multicast group bitmask. */
    public static MemorySegment netlink(Arena arena, int portId, int groups) {
        MemorySegment sa = arena.allocate(SOCKADDR_NL_SIZE, 4);
        sa.set(JAVA_SHORT, 0, (short) AF_NETLINK);
        sa.set(JAVA_INT, 4, portId);
        sa.set(JAVA_INT, 8, groups);
        return sa;
    }

    /** Reads 4 or 16 address bytes from {@code segment} at {@code offset}. */
    public static InetAddress address(MemorySegment segment, long offset, int length) {
        byte[] bytes = new byte[length];
        MemorySegment.copy(segment, JAVA_BYTE, offset, bytes, 0, length);
        return fromBytes(bytes);
    }

    /** An InetAddress from 4 or 16 bytes (never a hostname lookup). */
    public static InetAddress fromBytes(byte[] bytes) {
        try {
            if (bytes.length == 16) {
                // Keep IPv4-mapped addresses as Inet6Address, as the kernel means them.
                return Inet6Address.getByAddress(null, bytes, -1);
            }
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("address must be 4 or 16 bytes, got " + bytes.length, e);
        }
    }
}
