package dev.vigil.linux.socket;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.vigil.common.text.InetText;
import dev.vigil.linux.Capability;
import dev.vigil.linux.Errno;
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
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A socket that sends and receives ICMP (IPv4) or ICMPv6 messages, for echo requests.
 *
 * <p>Two kinds (icmp(7), "ping sockets" since Linux 3.0/3.11):
 * <ul>
 *   <li>{@link Kind#PING}: {@code socket(AF_INET[6], SOCK_DGRAM, IPPROTO_ICMP[V6])}, allowed
 *       without privileges to the groups in {@code net.ipv4.ping_group_range}. The kernel
 *       gives the socket an echo identifier of its own (read with {@link #identifier()}),
 *       writes it into every request, computes the checksums, and delivers only the echo
 *       replies that carry it.</li>
 *   <li>{@link Kind#RAW}: {@code SOCK_RAW}, which needs CAP_NET_RAW. The socket sees every
 *       echo reply that reaches the host (an ICMP filter keeps other types out), so the
 *       caller must match the {@link #identifier()} chosen at random when it was opened;
 *       ICMP checksums are the caller's (ICMPv6 ones the kernel's).</li>
 * </ul>
 * {@link #open} prefers a ping socket and falls back to a raw one; when both are refused the
 * exception names the sysctl and the capability.
 *
 * <p>Thread safety: any thread may {@link #send}; one thread at a time receives (callers
 * queue on a lock), and {@link #close()} from any thread wakes it.
 */
public final class IcmpSocket implements AutoCloseable {

    /** How the socket was opened. */
    public enum Kind {
        /** SOCK_DGRAM ping socket. */
        PING,
        /** SOCK_RAW socket. */
        RAW
    }

    /**
     * Where the socket sends from: keepalived's {@code bindto}, {@code bind_if} and
     * {@code fwmark}. Equal bindings can share one socket.
     *
     * @param ipv6   ICMPv6 when true
     * @param source local address to bind (of the same family), or empty for the kernel's choice
     * @param device SO_BINDTODEVICE interface name, or empty
     * @param mark   SO_MARK value (0..2³²−1), or empty
     */
    public record Binding(boolean ipv6, Optional<InetAddress> source, Optional<String> device, OptionalLong mark) {
        public Binding {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(mark, "mark");
            if (source.isPresent() && (source.get() instanceof Inet6Address) != ipv6) {
                throw new IllegalArgumentException("source " + InetText.format(source.get()) + " is not an IPv"
                        + (ipv6 ? 6 : 4) + " address");
            }
        }

        /** Any source, no device, no mark. */
        public static Binding any(boolean ipv6) {
            return new Binding(ipv6, Optional.empty(), Optional.empty(), OptionalLong.empty());
        }
    }

    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_RAW = 3;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int IPPROTO_ICMP = 1;
    private static final int IPPROTO_ICMPV6 = 58;
    private static final int SOL_SOCKET = 1;
    private static final int SO_RCVBUF = 8;
    private static final int SO_BINDTODEVICE = 25;
    private static final int SO_MARK = 36;
    /** SOL_RAW / ICMP_FILTER (linux/icmp.h): a 32-bit mask, a set bit blocks that type. */
    private static final int SOL_RAW = 255;
    private static final int ICMP_FILTER = 1;
    /** SOL_ICMPV6 / ICMP6_FILTER (linux/icmpv6.h): 256 bits, a set bit blocks that type. */
    private static final int SOL_ICMPV6 = 58;
    private static final int ICMP6_FILTER = 1;
    private static final int ICMP6_FILTER_SIZE = 32;
    /** MSG_DONTWAIT: never block a checker thread on a full send buffer, nor a reader. */
    private static final int MSG_DONTWAIT = 0x40;
    /** Room for replies to Vigil's own requests, and for the IPv4 header of raw sockets. */
    private static final int RECEIVE_BUFFER = 2048;
    /** keepalived asks for a 128 KiB receive buffer (check_ping.c); the kernel caps it at rmem_max. */
    private static final int SOCKET_RECEIVE_BUFFER = 256 * 1024;

    private final SocketFd socket;
    private final Kind kind;
    private final boolean ipv6;
    private final int identifier;
    private final ReentrantLock receiving = new ReentrantLock();
    /** Receive buffers, used only under {@link #receiving}; freed by the garbage collector. */
    private final MemorySegment data;
    private final MemorySegment name;
    private final MemorySegment msghdr;

    private IcmpSocket(SocketFd socket, Kind kind, boolean ipv6, int identifier) {
        this.socket = socket;
        this.kind = kind;
        this.ipv6 = ipv6;
        this.identifier = identifier;
        Arena arena = Arena.ofAuto();
        this.data = arena.allocate(RECEIVE_BUFFER);
        this.name = arena.allocate(SocketAddresses.SOCKADDR_IN6_SIZE, 4);
        this.msghdr = MessageHeader.of(arena, name, data, null);
    }

    /**
     * A ping socket when {@code net.ipv4.ping_group_range} admits this process, else a raw
     * socket.
     *
     * @throws NativeException when neither can be opened; for a permission failure the
     *     message names the range, the groups it excludes and CAP_NET_RAW
     */
    public static IcmpSocket open(Binding binding) throws NativeException {
        NativeException pingFailure;
        try {
            return openPing(binding);
        } catch (NativeException e) {
            if (!e.operation().startsWith("socket(")) {
                throw e;
            }
            pingFailure = e;
        }
        try {
            return openRaw(binding);
        } catch (NativeException rawFailure) {
            if (!rawFailure.operation().startsWith("socket(")) {
                throw rawFailure;
            }
            String why = pingFailure.isPermissionDenied() ? PingGroupRange.explainRefusal()
                    : pingFailure.getMessage();
            throw new NativeException(rawFailure.operation(), rawFailure.errno(), Capability.CAP_NET_RAW,
                    "no ping socket either: " + why);
        }
    }

    /** An unprivileged ping socket (SOCK_DGRAM); EACCES when ping_group_range excludes this process. */
    public static IcmpSocket openPing(Binding binding) throws NativeException {
        int fd = create(binding.ipv6(), SOCK_DGRAM, "SOCK_DGRAM", null);
        SocketFd wrapped = SocketFd.wrap(fd);
        try {
            setUp(wrapped, binding, true);
            return new IcmpSocket(wrapped, Kind.PING, binding.ipv6(), boundIdentifier(wrapped, binding.ipv6()));
        } catch (NativeException | RuntimeException e) {
            wrapped.close();
            throw e;
        }
    }

    /** A raw ICMP socket (SOCK_RAW, CAP_NET_RAW) that lets only echo replies through. */
    public static IcmpSocket openRaw(Binding binding) throws NativeException {
        int fd = create(binding.ipv6(), SOCK_RAW, "SOCK_RAW", Capability.CAP_NET_RAW);
        SocketFd wrapped = SocketFd.wrap(fd);
        try {
            setUp(wrapped, binding, binding.source().isPresent());
            onlyEchoReplies(wrapped, binding.ipv6());
            return new IcmpSocket(wrapped, Kind.RAW, binding.ipv6(), ThreadLocalRandom.current().nextInt(1 << 16));
        } catch (NativeException | RuntimeException e) {
            wrapped.close();
            throw e;
        }
    }

    private static int create(boolean ipv6, int type, String typeName, Capability capability)
            throws NativeException {
        String operation = "socket(" + (ipv6 ? "AF_INET6, " : "AF_INET, ") + typeName + ", "
                + (ipv6 ? "IPPROTO_ICMPV6)" : "IPPROTO_ICMP)");
        LinuxNative.ensureAvailable(operation);
        return Libc.socket(ipv6 ? SocketAddresses.AF_INET6 : SocketAddresses.AF_INET, type | SOCK_CLOEXEC,
                ipv6 ? IPPROTO_ICMPV6 : IPPROTO_ICMP, operation, capability);
    }

    /** Device and mark first (they must precede bind to matter), then the receive buffer and bind. */
    private static void setUp(SocketFd socket, Binding binding, boolean bind) throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            if (binding.device().isPresent()) {
                String device = binding.device().get();
                socket.use("ICMP socket", fd -> Libc.setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE,
                        arena.allocateFrom(device), "setsockopt(SO_BINDTODEVICE " + device + ")",
                        Capability.CAP_NET_RAW));
            }
            if (binding.mark().isPresent()) {
                long mark = binding.mark().getAsLong();
                socket.use("ICMP socket", fd -> Libc.setsockoptInt(fd, SOL_SOCKET, SO_MARK, (int) mark,
                        "setsockopt(SO_MARK " + mark + ")", Capability.CAP_NET_ADMIN));
            }
            socket.use("ICMP socket", fd -> Libc.setsockoptInt(fd, SOL_SOCKET, SO_RCVBUF, SOCKET_RECEIVE_BUFFER,
                    "setsockopt(SO_RCVBUF)", null));
            if (bind) {
                InetAddress local = binding.source().orElse(null);
                MemorySegment address = sockaddr(arena, binding.ipv6(), local, 0);
                String text = local == null ? (binding.ipv6() ? "::" : "0.0.0.0") : InetText.format(local);
                socket.use("ICMP socket", fd -> Libc.bind(fd, address, "bind(ICMP socket to " + text + ")", null));
            }
        }
    }

    /** A ping socket's identifier is its "port", assigned by bind. */
    private static int boundIdentifier(SocketFd socket, boolean ipv6) throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment address = arena.allocate(SocketAddresses.SOCKADDR_IN6_SIZE, 4);
            socket.use("ICMP socket", fd -> Libc.getsockname(fd, address, "getsockname(ICMP socket)"));
            return (address.get(JAVA_BYTE, 2) & 0xFF) << 8 | address.get(JAVA_BYTE, 3) & 0xFF;
        }
    }

    private static void onlyEchoReplies(SocketFd socket, boolean ipv6) throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            if (ipv6) {
                MemorySegment filter = arena.allocate(ICMP6_FILTER_SIZE, 4);
                filter.fill((byte) 0xFF);
                int reply = 129;
                filter.set(JAVA_INT, (reply >>> 5) * 4L, ~(1 << (reply & 31)));
                socket.use("ICMP socket", fd -> Libc.setsockopt(fd, SOL_ICMPV6, ICMP6_FILTER, filter,
                        "setsockopt(ICMP6_FILTER)", null));
            } else {
                socket.use("ICMP socket", fd -> Libc.setsockoptInt(fd, SOL_RAW, ICMP_FILTER, ~1,
                        "setsockopt(ICMP_FILTER)", null));
            }
        }
    }

    private static MemorySegment sockaddr(Arena arena, boolean ipv6, InetAddress address, int scopeId) {
        if (ipv6) {
            Inet6Address v6 = address == null ? (Inet6Address) SocketAddresses.fromBytes(new byte[16])
                    : (Inet6Address) address;
            return SocketAddresses.inet6(arena, v6, scopeId);
        }
        Inet4Address v4 = address == null ? (Inet4Address) SocketAddresses.fromBytes(new byte[4])
                : (Inet4Address) address;
        return SocketAddresses.inet4(arena, v4);
    }

    public Kind kind() {
        return kind;
    }

    public boolean isIpv6() {
        return ipv6;
    }

    /**
     * The echo identifier of this socket's requests: the kernel's for a ping socket (it
     * overwrites whatever the message carries), a random one for a raw socket.
     */
    public int identifier() {
        return identifier;
    }

    /**
     * Sends one ICMP message (from its header on) without waiting: a full send buffer is
     * EAGAIN. Routing failures come back here (EHOSTUNREACH, ENETUNREACH, EACCES for a
     * prohibit route, EINVAL for a blackhole route).
     *
     * @param destination of this socket's family; an IPv6 link-local one needs its scope id
     */
    public void send(InetAddress destination, byte[] message) throws NativeException {
        if ((destination instanceof Inet6Address) != ipv6) {
            throw new IllegalArgumentException(InetText.format(destination) + " is not an IPv" + (ipv6 ? 6 : 4)
                    + " address");
        }
        int scope = destination instanceof Inet6Address v6 ? v6.getScopeId() : 0;
        String operation = "sendto(ICMP" + (ipv6 ? "v6" : "") + " echo to " + InetText.format(destination) + ")";
        socket.use(description(), fd -> {
            try (Arena arena = Arena.ofConfined()) {
                Libc.sendto(fd, Segments.copyOf(arena, message), sockaddr(arena, ipv6, destination, scope),
                        MSG_DONTWAIT, operation, kind == Kind.RAW ? Capability.CAP_NET_RAW : null);
            }
        });
    }

    /**
     * Waits for one message.
     *
     * @param timeout how long to wait; null waits until a message arrives or close
     * @return the message, or empty on timeout, on a datagram too short to be ICMP, or once
     *     the socket is closed ({@link #isOpen()} tells which)
     */
    public Optional<ReceivedIcmp> receive(Duration timeout) throws NativeException {
        if (!socket.enter()) {
            return Optional.empty();
        }
        receiving.lock();
        try {
            long length = Libc.recvmsg(socket.fd(), msghdr, MSG_DONTWAIT, "recvmsg(" + description() + ")");
            if (length < 0) {
                if (!socket.awaitReadable(timeout)) {
                    return Optional.empty();
                }
                length = Libc.recvmsg(socket.fd(), msghdr, MSG_DONTWAIT, "recvmsg(" + description() + ")");
                if (length < 0) {
                    return Optional.empty();
                }
            }
            return message(length, (MessageHeader.flags(msghdr) & MessageHeader.MSG_TRUNC) != 0);
        } finally {
            resetNameLength();
            receiving.unlock();
            socket.exit();
        }
    }

    /** recvmsg overwrites msg_namelen with the length it wrote; give the full buffer back. */
    private void resetNameLength() {
        msghdr.set(JAVA_INT, 8, (int) name.byteSize());
    }

    private Optional<ReceivedIcmp> message(long length, boolean truncated) {
        int start = 0;
        if (!ipv6 && kind == Kind.RAW) {
            // A raw IPv4 socket returns the IP header too (raw(7)); its length is IHL × 4.
            if (length < 20) {
                return Optional.empty();
            }
            start = (data.get(JAVA_BYTE, 0) & 0x0F) * 4;
            if (start < 20 || start > length) {
                return Optional.empty();
            }
        }
        byte[] message = data.asSlice(start, length - start).toArray(JAVA_BYTE);
        InetAddress source = ipv6 ? SocketAddresses.address(name, 8, 16) : SocketAddresses.address(name, 4, 4);
        return Optional.of(new ReceivedIcmp(source, message, truncated));
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

    private String description() {
        return (kind == Kind.PING ? "ping" : "raw") + " ICMP" + (ipv6 ? "v6" : "") + " socket";
    }

    @Override
    public String toString() {
        return description() + " id " + identifier;
    }

    /** The errno a full send buffer reports, so callers can tell it from a routing failure. */
    public static boolean isSendBufferFull(NativeException e) {
        return e.is(Errno.EAGAIN);
    }
}
