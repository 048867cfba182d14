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
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A raw IPv4 socket for one IP protocol (112 for VRRP, 51 for AH), see raw(7) and ip(7).
 *
 * <p>Opened with the settings VRRP needs (RFC 5798 §5.1.1.3: TTL 255): multicast TTL
 * 255, unicast TTL 255, multicast loop off, IP_PKTINFO on so each received datagram
 * carries its arrival interface. Two ways to send:
 * <ul>
 *   <li>{@link #send}: the kernel builds the IPv4 header; the source address and outgoing
 *       interface can be chosen per packet (IP_PKTINFO ancillary data).</li>
 *   <li>{@link #sendPacket}: after {@link #setHeaderIncluded(boolean) setHeaderIncluded(true)}
 *       (IP_HDRINCL) the caller supplies the whole datagram, header included, as keepalived
 *       does for VRRPv2 (its own TOS and identification). The kernel still fills in the
 *       header checksum and total length, and the identification when it is 0.</li>
 * </ul>
 *
 * <p>Thread safety: one thread may block in {@link #receive} while others send or
 * {@link #close()}; close wakes the receiver, which then returns empty. Needs CAP_NET_RAW.
 */
public final class RawIpv4Socket implements AutoCloseable {

    private static final int SOCK_RAW = 3;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int SOL_SOCKET = 1;
    private static final int SO_BINDTODEVICE = 25;
    private static final int SOL_IP = 0;
    private static final int IP_TOS = 1;
    private static final int IP_TTL = 2;
    private static final int IP_HDRINCL = 3;
    private static final int IP_PKTINFO = 8;
    private static final int IP_MULTICAST_IF = 32;
    private static final int IP_MULTICAST_TTL = 33;
    private static final int IP_MULTICAST_LOOP = 34;
    private static final int IP_ADD_MEMBERSHIP = 35;
    private static final int IP_DROP_MEMBERSHIP = 36;
    /** struct in_pktinfo {int ifindex; in_addr spec_dst; in_addr addr}: 12 bytes. */
    private static final int IN_PKTINFO_SIZE = 12;
    /** struct ip_mreqn {in_addr multiaddr; in_addr address; int ifindex}: 12 bytes. */
    private static final int IP_MREQN_SIZE = 12;
    /** Largest IPv4 datagram (total length is 16 bits). */
    private static final int MAX_DATAGRAM = 65_535;
    /** Room for the IP_PKTINFO control message and one more. */
    private static final int CONTROL_SIZE = 64;
    /** VRRP requires TTL 255 (RFC 5798 §5.1.1.3); the receiver drops anything else. */
    private static final int VRRP_TTL = 255;

    private final SocketFd socket;
    private final int protocol;
    private volatile boolean headerIncluded;

    private RawIpv4Socket(SocketFd socket, int protocol) {
        this.socket = socket;
        this.protocol = protocol;
    }

    /**
     * Opens a raw IPv4 socket for {@code protocol} in the calling thread's network namespace.
     *
     * @throws NativeException EPERM naming CAP_NET_RAW when the process lacks it
     */
    public static RawIpv4Socket open(int protocol) throws NativeException {
        if (protocol < 1 || protocol > 255) {
            throw new IllegalArgumentException("IP protocol must be 1..255, got " + protocol);
        }
        String operation = "socket(AF_INET, SOCK_RAW, " + protocol + ")";
        LinuxNative.ensureAvailable(operation);
        int fd = Libc.socket(SocketAddresses.AF_INET, SOCK_RAW | SOCK_CLOEXEC, protocol, operation,
                Capability.CAP_NET_RAW);
        RawIpv4Socket raw = new RawIpv4Socket(SocketFd.wrap(fd), protocol);
        try {
            raw.setIntOption(SOL_IP, IP_MULTICAST_TTL, VRRP_TTL, "IP_MULTICAST_TTL");
            raw.setIntOption(SOL_IP, IP_TTL, VRRP_TTL, "IP_TTL");
            raw.setIntOption(SOL_IP, IP_MULTICAST_LOOP, 0, "IP_MULTICAST_LOOP");
            raw.setIntOption(SOL_IP, IP_PKTINFO, 1, "IP_PKTINFO");
            return raw;
        } catch (NativeException e) {
            raw.close();
            throw e;
        }
    }

    /** The IP protocol number this socket sends and receives. */
    public int protocol() {
        return protocol;
    }

    /** Restricts the socket to one interface (SO_BINDTODEVICE); needs CAP_NET_RAW. */
    public void bindToDevice(String interfaceName) throws NativeException {
        Objects.requireNonNull(interfaceName, "interfaceName");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment name = arena.allocateFrom(interfaceName);
            setOption(SOL_SOCKET, SO_BINDTODEVICE, name, "SO_BINDTODEVICE " + interfaceName, Capability.CAP_NET_RAW);
        }
    }

    /** Binds the local address: the default source of {@link #send} and a receive filter. */
    public void bind(Inet4Address local) throws NativeException {
        use(fd -> {
            try (Arena arena = Arena.ofConfined()) {
                Libc.bind(fd, SocketAddresses.inet4(arena, local), "bind(" + InetText.format(local) + ")", null);
            }
        });
    }

    /** Joins a multicast group on an interface (IP_ADD_MEMBERSHIP with ip_mreqn). */
    public void joinGroup(Inet4Address group, int interfaceIndex) throws NativeException {
        membership(IP_ADD_MEMBERSHIP, group, interfaceIndex, "IP_ADD_MEMBERSHIP");
    }

    /** Leaves a multicast group on an interface (IP_DROP_MEMBERSHIP). */
    public void leaveGroup(Inet4Address group, int interfaceIndex) throws NativeException {
        membership(IP_DROP_MEMBERSHIP, group, interfaceIndex, "IP_DROP_MEMBERSHIP");
    }

    /** Chooses the interface multicast is sent on (IP_MULTICAST_IF with ip_mreqn). */
    public void setMulticastInterface(int interfaceIndex) throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment mreqn = arena.allocate(IP_MREQN_SIZE, 4);
            mreqn.set(JAVA_INT, 8, interfaceIndex);
            setOption(SOL_IP, IP_MULTICAST_IF, mreqn, "IP_MULTICAST_IF " + interfaceIndex, null);
        }
    }

    /** Multicast TTL (default 255). */
    public void setMulticastTtl(int ttl) throws NativeException {
        setIntOption(SOL_IP, IP_MULTICAST_TTL, checkByte(ttl, "ttl"), "IP_MULTICAST_TTL");
    }

    /** Unicast TTL (default 255). */
    public void setUnicastTtl(int ttl) throws NativeException {
        setIntOption(SOL_IP, IP_TTL, checkByte(ttl, "ttl"), "IP_TTL");
    }

    /** Whether this host's own sockets receive what this socket multicasts (default off). */
    public void setMulticastLoop(boolean loop) throws NativeException {
        setIntOption(SOL_IP, IP_MULTICAST_LOOP, loop ? 1 : 0, "IP_MULTICAST_LOOP");
    }

    /** The type-of-service byte of datagrams built by the kernel ({@link #send}). */
    public void setTos(int tos) throws NativeException {
        setIntOption(SOL_IP, IP_TOS, checkByte(tos, "tos"), "IP_TOS");
    }

    /** Switches IP_HDRINCL: when on, only {@link #sendPacket} may be used. */
    public void setHeaderIncluded(boolean included) throws NativeException {
        setIntOption(SOL_IP, IP_HDRINCL, included ? 1 : 0, "IP_HDRINCL");
        headerIncluded = included;
    }

    /**
     * Sends {@code payload} with a kernel-built IPv4 header.
     *
     * @param source source address, or null for the kernel's choice
     * @param destination multicast or unicast destination
     * @param interfaceIndex outgoing interface, or 0 for the routing table's choice
     * @throws IllegalStateException in header-included mode
     */
    public void send(ByteBuffer payload, Inet4Address source, Inet4Address destination, int interfaceIndex)
            throws NativeException {
        if (headerIncluded) {
            throw new IllegalStateException("IP_HDRINCL is on: use sendPacket with a full datagram");
        }
        String operation = "sendmsg(proto " + protocol + " to " + InetText.format(destination) + ")";
        use(fd -> {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment pktinfo = arena.allocate(IN_PKTINFO_SIZE, 4);
                pktinfo.set(JAVA_INT, 0, interfaceIndex);
                if (source != null) {
                    MemorySegment.copy(source.getAddress(), 0, pktinfo, JAVA_BYTE, 4, 4);
                }
                MemorySegment msg = MessageHeader.of(arena, SocketAddresses.inet4(arena, destination),
                        Segments.copyOf(arena, payload), MessageHeader.control(arena, SOL_IP, IP_PKTINFO, pktinfo));
                Libc.sendmsg(fd, msg, operation, Capability.CAP_NET_RAW);
            }
        });
    }

    /**
     * Sends a whole IPv4 datagram built by the caller (header-included mode). The
     * destination is read from the header.
     *
     * @throws IllegalStateException unless header-included mode is on
     * @throws IllegalArgumentException when the buffer is shorter than an IPv4 header
     */
    public void sendPacket(ByteBuffer datagram) throws NativeException {
        if (!headerIncluded) {
            throw new IllegalStateException("IP_HDRINCL is off: call setHeaderIncluded(true) first");
        }
        if (datagram.remaining() < 20) {
            throw new IllegalArgumentException("an IPv4 datagram has at least 20 bytes, got " + datagram.remaining());
        }
        byte[] destinationBytes = new byte[4];
        datagram.duplicate().position(datagram.position() + 16).get(destinationBytes);
        Inet4Address destination = (Inet4Address) SocketAddresses.fromBytes(destinationBytes);
        String operation = "sendto(IP_HDRINCL proto " + protocol + " to " + InetText.format(destination) + ")";
        use(fd -> {
            try (Arena arena = Arena.ofConfined()) {
                Libc.sendto(fd, Segments.copyOf(arena, datagram), SocketAddresses.inet4(arena, destination),
                        operation, Capability.CAP_NET_RAW);
            }
        });
    }

    /**
     * Waits for one datagram.
     *
     * @param timeout how long to wait; null waits until a datagram arrives or close
     * @return the datagram, or empty on timeout or once the socket is closed
     *     ({@link #isOpen()} tells which)
     */
    public Optional<ReceivedIpv4> receive(Duration timeout) throws NativeException {
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

    private Optional<ReceivedIpv4> readOne() throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment data = arena.allocate(MAX_DATAGRAM);
            MemorySegment control = arena.allocate(CONTROL_SIZE, 8);
            MemorySegment msg = MessageHeader.of(arena, arena.allocate(SocketAddresses.SOCKADDR_IN_SIZE, 4), data,
                    control);
            long length = Libc.recvmsg(socket.fd(), msg, MSG_DONTWAIT, "recvmsg(proto " + protocol + ")");
            if (length < 20) {
                return Optional.empty();
            }
            byte[] packet = Segments.toArray(data, length);
            int headerLength = (packet[0] & 0x0F) * 4;
            if (headerLength < 20 || headerLength > packet.length) {
                return Optional.empty();
            }
            int interfaceIndex = 0;
            for (MessageHeader.ControlMessage cmsg : MessageHeader.controls(msg, control)) {
                if (cmsg.level() == SOL_IP && cmsg.type() == IP_PKTINFO && cmsg.data().byteSize() >= 4) {
                    interfaceIndex = cmsg.data().get(JAVA_INT, 0);
                }
            }
            return Optional.of(new ReceivedIpv4(interfaceIndex, ipv4(packet, 12), ipv4(packet, 16),
                    packet[8] & 0xFF, packet[1] & 0xFF, packet[9] & 0xFF, packet, headerLength));
        }
    }

    /** MSG_DONTWAIT: poll said readable; never block if another reader took the datagram. */
    private static final int MSG_DONTWAIT = 0x40;

    private static Inet4Address ipv4(byte[] packet, int offset) {
        byte[] bytes = new byte[4];
        System.arraycopy(packet, offset, bytes, 0, 4);
        return (Inet4Address) SocketAddresses.fromBytes(bytes);
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

    private void membership(int option, Inet4Address group, int interfaceIndex, String name) throws NativeException {
        if (!group.isMulticastAddress()) {
            throw new IllegalArgumentException(InetText.format(group) + " is not a multicast group");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment mreqn = arena.allocate(IP_MREQN_SIZE, 4);
            MemorySegment.copy(group.getAddress(), 0, mreqn, JAVA_BYTE, 0, 4);
            mreqn.set(JAVA_INT, 8, interfaceIndex);
            setOption(SOL_IP, option, mreqn, name + " " + InetText.format(group) + " ifindex " + interfaceIndex, null);
        }
    }

    private void setIntOption(int level, int option, int value, String name) throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            setOption(level, option, arena.allocateFrom(JAVA_INT, value), name + "=" + value, null);
        }
    }

    private void setOption(int level, int option, MemorySegment value, String description, Capability capability)
            throws NativeException {
        use(fd -> Libc.setsockopt(fd, level, option, value, "setsockopt(" + description + ")", capability));
    }

    private static int checkByte(int value, String what) {
        if (value < 0 || value > 255) {
            throw new IllegalArgumentException(what + " must be 0..255, got " + value);
        }
        return value;
    }

    private void use(SocketFd.Call call) throws NativeException {
        socket.use("raw IPv4 socket (proto " + protocol + ")", call);
    }
}
