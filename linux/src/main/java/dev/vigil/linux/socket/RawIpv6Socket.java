package dev.vigil.linux.socket;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.vigil.common.text.InetText;
import dev.vigil.linux.Capability;
import dev.vigil.linux.LinuxNative;
import dev.vigil.linux.NativeException;
import dev.vigil.linux.internal.Libc;
import dev.vigil.linux.internal.MessageHeader;
import dev.vigil.linux.internal.Segments;
import dev.vigil.linux.internal.SocketAddresses;
import dev.vigil.linux.internal.SocketFd;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.Inet6Address;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A raw IPv6 socket for one next-header protocol (112 for VRRP), see raw(7), ipv6(7) and
 * RFC 3542.
 *
 * <p>Opened with hop limit 255 for multicast and unicast (RFC 5798 §5.1.2.3), multicast
 * loop off, and IPV6_RECVHOPLIMIT plus IPV6_RECVPKTINFO on, so each received payload
 * comes with its hop limit, source, destination and interface. {@link #send} chooses the
 * source address and interface per packet (IPV6_PKTINFO). Use
 * {@link #setChecksumOffset(int) setChecksumOffset(6)} for VRRP so the kernel computes
 * the checksum on send and verifies it on receive (RFC 3542 §3.1).
 *
 * <p>Thread safety as {@link RawIpv4Socket}. Needs CAP_NET_RAW.
 */
public final class RawIpv6Socket implements AutoCloseable {

    private static final int SOCK_RAW = 3;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int SOL_SOCKET = 1;
    private static final int SO_BINDTODEVICE = 25;
    private static final int SOL_IPV6 = 41;
    private static final int IPV6_CHECKSUM = 7;
    private static final int IPV6_UNICAST_HOPS = 16;
    private static final int IPV6_MULTICAST_IF = 17;
    private static final int IPV6_MULTICAST_HOPS = 18;
    private static final int IPV6_MULTICAST_LOOP = 19;
    private static final int IPV6_ADD_MEMBERSHIP = 20;
    private static final int IPV6_DROP_MEMBERSHIP = 21;
    private static final int IPV6_RECVPKTINFO = 49;
    private static final int IPV6_PKTINFO = 50;
    private static final int IPV6_RECVHOPLIMIT = 51;
    private static final int IPV6_HOPLIMIT = 52;
    /** struct in6_pktinfo {in6_addr addr; int ifindex}: 20 bytes. */
    private static final int IN6_PKTINFO_SIZE = 20;
    /** struct ipv6_mreq {in6_addr multiaddr; int ifindex}: 20 bytes. */
    private static final int IPV6_MREQ_SIZE = 20;
    /** Largest payload without jumbograms (payload length is 16 bits). */
    private static final int MAX_PAYLOAD = 65_535;
    /** Room for IPV6_PKTINFO (20 bytes) and IPV6_HOPLIMIT (4 bytes) control messages. */
    private static final int CONTROL_SIZE = 128;
    /** VRRP requires hop limit 255 (RFC 5798 §5.1.2.3). */
    private static final int VRRP_HOP_LIMIT = 255;
    /** MSG_DONTWAIT: poll said readable; never block if another reader took the datagram. */
    private static final int MSG_DONTWAIT = 0x40;

    private final SocketFd socket;
    private final int protocol;

    private RawIpv6Socket(SocketFd socket, int protocol) {
        this.socket = socket;
        this.protocol = protocol;
    }

    /**
     * Opens a raw IPv6 socket for {@code protocol} in the calling thread's network namespace.
     *
     * @throws NativeException EPERM naming CAP_NET_RAW when the process lacks it
     */
    public static RawIpv6Socket open(int protocol) throws NativeException {
        if (protocol < 1 || protocol > 255) {
            throw new IllegalArgumentException("IP protocol must be 1..255, got " + protocol);
        }
        String operation = "socket(AF_INET6, SOCK_RAW, " + protocol + ")";
        LinuxNative.ensureAvailable(operation);
        int fd = Libc.socket(SocketAddresses.AF_INET6, SOCK_RAW | SOCK_CLOEXEC, protocol, operation,
                Capability.CAP_NET_RAW);
        RawIpv6Socket raw = new RawIpv6Socket(SocketFd.wrap(fd), protocol);
        try {
            raw.setIntOption(IPV6_MULTICAST_HOPS, VRRP_HOP_LIMIT, "IPV6_MULTICAST_HOPS");
            raw.setIntOption(IPV6_UNICAST_HOPS, VRRP_HOP_LIMIT, "IPV6_UNICAST_HOPS");
            raw.setIntOption(IPV6_MULTICAST_LOOP, 0, "IPV6_MULTICAST_LOOP");
            raw.setIntOption(IPV6_RECVHOPLIMIT, 1, "IPV6_RECVHOPLIMIT");
            raw.setIntOption(IPV6_RECVPKTINFO, 1, "IPV6_RECVPKTINFO");
            return raw;
        } catch (NativeException e) {
            raw.close();
            throw e;
        }
    }

    /** The next-header protocol number this socket sends and receives. */
    public int protocol() {
        return protocol;
    }

    /** Restricts the socket to one interface (SO_BINDTODEVICE); needs CAP_NET_RAW. */
    public void bindToDevice(String interfaceName) throws NativeException {
        Objects.requireNonNull(interfaceName, "interfaceName");
        try (Arena arena = Arena.ofConfined()) {
            setOption(SOL_SOCKET, SO_BINDTODEVICE, arena.allocateFrom(interfaceName),
                    "SO_BINDTODEVICE " + interfaceName, Capability.CAP_NET_RAW);
        }
    }

    /**
     * Lets the kernel compute (on send) and verify (on receive) the upper-layer checksum
     * at {@code offset} bytes into the payload; -1 turns it off. VRRP uses 6.
     */
    public void setChecksumOffset(int offset) throws NativeException {
        if (offset < -1 || offset % 2 != 0 && offset != -1) {
            throw new IllegalArgumentException("checksum offset must be even or -1, got " + offset);
        }
        setIntOption(IPV6_CHECKSUM, offset, "IPV6_CHECKSUM");
    }

    /** Joins a multicast group (e.g. ff02::12) on an interface (IPV6_ADD_MEMBERSHIP). */
    public void joinGroup(Inet6Address group, int interfaceIndex) throws NativeException {
        membership(IPV6_ADD_MEMBERSHIP, group, interfaceIndex, "IPV6_ADD_MEMBERSHIP");
    }

    /** Leaves a multicast group on an interface (IPV6_DROP_MEMBERSHIP). */
    public void leaveGroup(Inet6Address group, int interfaceIndex) throws NativeException {
        membership(IPV6_DROP_MEMBERSHIP, group, interfaceIndex, "IPV6_DROP_MEMBERSHIP");
    }

    /** Chooses the interface multicast is sent on (IPV6_MULTICAST_IF). */
    public void setMulticastInterface(int interfaceIndex) throws NativeException {
        setIntOption(IPV6_MULTICAST_IF, interfaceIndex, "IPV6_MULTICAST_IF");
    }

    /** Multicast hop limit (default 255). */
    public void setMulticastHops(int hops) throws NativeException {
        setIntOption(IPV6_MULTICAST_HOPS, checkByte(hops), "IPV6_MULTICAST_HOPS");
    }

    /** Unicast hop limit (default 255). */
    public void setUnicastHops(int hops) throws NativeException {
        setIntOption(IPV6_UNICAST_HOPS, checkByte(hops), "IPV6_UNICAST_HOPS");
    }

    /** Whether this host's own sockets receive what this socket multicasts (default off). */
    public void setMulticastLoop(boolean loop) throws NativeException {
        setIntOption(IPV6_MULTICAST_LOOP, loop ? 1 : 0, "IPV6_MULTICAST_LOOP");
    }

    /**
     * Sends {@code payload}; the kernel builds the IPv6 header.
     *
     * @param source source address (VRRP: the interface's link-local address), or null for
     *     the kernel's choice
     * @param destination multicast or unicast destination
     * @param interfaceIndex outgoing interface; required for link-local destinations, 0 otherwise allowed
     */
    public void send(ByteBuffer payload, Inet6Address source, Inet6Address destination, int interfaceIndex)
            throws NativeException {
        String operation = "sendmsg(IPv6 proto " + protocol + " to " + InetText.format(destination) + ")";
        socket.use(description(), fd -> {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment pktinfo = arena.allocate(IN6_PKTINFO_SIZE, 4);
                if (source != null) {
                    MemorySegment.copy(source.getAddress(), 0, pktinfo, JAVA_BYTE, 0, 16);
                }
                pktinfo.set(JAVA_INT, 16, interfaceIndex);
                MemorySegment msg = MessageHeader.of(arena, SocketAddresses.inet6(arena, destination, interfaceIndex),
                        Segments.copyOf(arena, payload),
                        MessageHeader.control(arena, SOL_IPV6, IPV6_PKTINFO, pktinfo));
                Libc.sendmsg(fd, msg, operation, Capability.CAP_NET_RAW);
            }
        });
    }

    /**
     * Waits for one datagram.
     *
     * @param timeout how long to wait; null waits until a datagram arrives or close
     * @return the datagram, or empty on timeout or once the socket is closed
     */
    public Optional<ReceivedIpv6> receive(Duration timeout) throws NativeException {
        if (!socket.enter()) {
            return Optional.empty();
        }
        try {
            if (!socket.awaitReadable(timeout)) {
                return Optional.empty();
            }
            return readOne();
        } finally {
            socket.exit();
        }
    }

    private Optional<ReceivedIpv6> readOne() throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment data = arena.allocate(MAX_PAYLOAD);
            MemorySegment control = arena.allocate(CONTROL_SIZE, 8);
            MemorySegment name = arena.allocate(SocketAddresses.SOCKADDR_IN6_SIZE, 4);
            MemorySegment msg = MessageHeader.of(arena, name, data, control);
            long length = Libc.recvmsg(socket.fd(), msg, MSG_DONTWAIT, "recvmsg(IPv6 proto " + protocol + ")");
            if (length < 0) {
                return Optional.empty();
            }
            Inet6Address source = (Inet6Address) SocketAddresses.address(name, 8, 16);
            Inet6Address destination = null;
            int interfaceIndex = 0;
            int hopLimit = -1;
            for (MessageHeader.ControlMessage cmsg : MessageHeader.controls(msg, control)) {
                if (cmsg.level() != SOL_IPV6) {
                    continue;
                }
                if (cmsg.type() == IPV6_PKTINFO && cmsg.data().byteSize() >= IN6_PKTINFO_SIZE) {
                    destination = (Inet6Address) SocketAddresses.address(cmsg.data(), 0, 16);
                    interfaceIndex = cmsg.data().get(JAVA_INT, 16);
                } else if (cmsg.type() == IPV6_HOPLIMIT && cmsg.data().byteSize() >= 4) {
                    hopLimit = cmsg.data().get(JAVA_INT, 0);
                }
            }
            return Optional.of(new ReceivedIpv6(interfaceIndex, source, destination, hopLimit,
                    Segments.toArray(data, length)));
        }
    }

    /** True until {@link #close()}. */
    public boolean isOpen() {
        return socket.isOpen();
    }

    /** Closes the socket and wakes a blocked receiver; idempotent. */
    @Override
    public void close() {
        socket.close();
    }

    private void membership(int option, Inet6Address group, int interfaceIndex, String name) throws NativeException {
        if (!group.isMulticastAddress()) {
            throw new IllegalArgumentException(InetText.format(group) + " is not a multicast group");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment mreq = arena.allocate(IPV6_MREQ_SIZE, 4);
            MemorySegment.copy(group.getAddress(), 0, mreq, JAVA_BYTE, 0, 16);
            mreq.set(JAVA_INT, 16, interfaceIndex);
            setOption(SOL_IPV6, option, mreq, name + " " + InetText.format(group) + " ifindex " + interfaceIndex, null);
        }
    }

    private void setIntOption(int option, int value, String name) throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            setOption(SOL_IPV6, option, arena.allocateFrom(JAVA_INT, value), name + "=" + value, null);
        }
    }

    private void setOption(int level, int option, MemorySegment value, String description, Capability capability)
            throws NativeException {
        socket.use(description(), fd -> Libc.setsockopt(fd, level, option, value,
                "setsockopt(" + description + ")", capability));
    }

    private String description() {
        return "raw IPv6 socket (proto " + protocol + ")";
    }

    private static int checkByte(int value) {
        if (value < 0 || value > 255) {
            throw new IllegalArgumentException("hop limit must be 0..255, got " + value);
        }
        return value;
    }
}
