package dev.vigil.linux.netlink;

import static java.lang.foreign.ValueLayout.JAVA_INT;

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
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A netlink socket (netlink(7)) of one protocol, for request/response exchanges with the
 * kernel or for receiving multicast notifications.
 *
 * <p>Opened with NETLINK_EXT_ACK (errors carry the kernel's explanation) and
 * NETLINK_CAP_ACK (acknowledgements do not echo the request). {@link #request} sends one
 * message and collects its replies: for a plain request the replies up to the
 * acknowledgement, for a dump ({@link Netlink#F_DUMP}) the parts up to NLMSG_DONE. A
 * kernel error becomes a {@link NetlinkException} with the extended-ack text. Requests
 * are serialised on the socket; a reply not arriving within the reply timeout (default
 * 10 s) is an ETIMEDOUT error. A dump the kernel marks interrupted (NLM_F_DUMP_INTR: the
 * table changed while it was being read) is repeated, up to three attempts in all. {@link #receive} serves notification sockets. Close from
 * any thread wakes a blocked receive.
 */
public final class NetlinkSocket implements NetlinkChannel {

    private static final int SOCK_RAW = 3;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int SOL_SOCKET = 1;
    private static final int SO_RCVBUF = 8;
    /** MSG_DONTWAIT: poll said readable; never block past a close. */
    private static final int MSG_DONTWAIT = 0x40;
    /**
     * Receive buffer per datagram. The kernel sizes dump datagrams to at most 32 KiB
     * (NLMSG_GOODSIZE-based) unless the reader's buffer is larger; 64 KiB covers both.
     */
    private static final int DATAGRAM_BUFFER = 65_536;
    private static final Duration DEFAULT_REPLY_TIMEOUT = Duration.ofSeconds(10);
    /** How often an interrupted dump is tried before giving up. */
    private static final int DUMP_ATTEMPTS = 3;

    private final SocketFd socket;
    private final int protocol;
    private final int portId;
    private final AtomicInteger sequence = new AtomicInteger(1);
    private final Object requestLock = new Object();
    private volatile Duration replyTimeout = DEFAULT_REPLY_TIMEOUT;

    private NetlinkSocket(SocketFd socket, int protocol, int portId) {
        this.socket = socket;
        this.protocol = protocol;
        this.portId = portId;
    }

    /**
     * Opens and binds a netlink socket in the calling thread's network namespace.
     *
     * @param protocol {@link Netlink#PROTOCOL_ROUTE} or {@link Netlink#PROTOCOL_GENERIC}
     * @param groups legacy multicast group bitmask to subscribe to (e.g. RTMGRP_LINK), 0 for none
     */
    public static NetlinkSocket open(int protocol, int groups) throws NativeException {
        String operation = "socket(AF_NETLINK, SOCK_RAW, " + protocol + ")";
        LinuxNative.ensureAvailable(operation);
        int fd = Libc.socket(SocketAddresses.AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, protocol, operation, null);
        SocketFd wrapped = SocketFd.wrap(fd);
        try (Arena arena = Arena.ofConfined()) {
            optionalFlag(fd, Netlink.NETLINK_EXT_ACK);
            optionalFlag(fd, Netlink.NETLINK_CAP_ACK);
            Libc.bind(fd, SocketAddresses.netlink(arena, 0, groups),
                    "bind(AF_NETLINK groups 0x" + Integer.toHexString(groups) + ")", null);
            MemorySegment bound = arena.allocate(SocketAddresses.SOCKADDR_NL_SIZE, 4);
            Libc.getsockname(fd, bound, "getsockname(AF_NETLINK)");
            return new NetlinkSocket(wrapped, protocol, bound.get(JAVA_INT, 4));
        } catch (NativeException | RuntimeException e) {
            wrapped.close();
            throw e;
        }
    }

    /** Kernels before 4.12 lack these options; netlink still works without them. */
    private static void optionalFlag(int fd, int option) throws NativeException {
        try {
            Libc.setsockoptInt(fd, Netlink.SOL_NETLINK, option, 1, "setsockopt(SOL_NETLINK " + option + ")", null);
        } catch (NativeException e) {
            if (!e.is(Errno.ENOPROTOOPT)) {
                throw e;
            }
        }
    }

    /** The netlink protocol. */
    public int protocol() {
        return protocol;
    }

    /** The port id the kernel assigned to this socket. */
    public int portId() {
        return portId;
    }

    /** Sets how long {@link #request} waits for each reply datagram. */
    public void setReplyTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("reply timeout must be positive: " + timeout);
        }
        this.replyTimeout = timeout;
    }

    /** Subscribes to a numbered multicast group (NETLINK_ADD_MEMBERSHIP), e.g. a genl group id. */
    public void joinGroup(int group) throws NativeException {
        socket.use(description(), fd -> Libc.setsockoptInt(fd, Netlink.SOL_NETLINK, Netlink.NETLINK_ADD_MEMBERSHIP,
                group, "setsockopt(NETLINK_ADD_MEMBERSHIP " + group + ")", null));
    }

    /** Asks for a larger receive buffer (SO_RCVBUF; the kernel caps it at net.core.rmem_max). */
    public void setReceiveBufferSize(int bytes) throws NativeException {
        socket.use(description(), fd -> Libc.setsockoptInt(fd, SOL_SOCKET, SO_RCVBUF, bytes,
                "setsockopt(SO_RCVBUF " + bytes + ")", null));
    }

    /**
     * Sends one request and returns its replies (without the final ACK or DONE).
     * NLM_F_REQUEST is always set; NLM_F_ACK is added unless the message is a dump.
     *
     * @param operation describes the request for error messages
     * @param capability what the request needs, named when the kernel says EPERM
     * @throws NetlinkException when the kernel answers with an error
     */
    @Override
    public List<NetlinkMessage> request(NetlinkMessageBuilder message, String operation, Capability capability)
            throws NativeException {
        Objects.requireNonNull(operation, "operation");
        boolean dump = (message.flags() & Netlink.F_DUMP) == Netlink.F_DUMP;
        int flags = message.flags() | Netlink.F_REQUEST | (dump ? 0 : Netlink.F_ACK);
        synchronized (requestLock) {
            for (int attempt = 1; ; attempt++) {
                List<NetlinkMessage> replies = exchange(message, flags, operation, capability);
                boolean interrupted = replies.stream().anyMatch(r -> (r.flags() & Netlink.F_DUMP_INTR) != 0);
                if (!interrupted) {
                    return replies;
                }
                if (attempt == DUMP_ATTEMPTS) {
                    throw new NativeException(operation, Errno.EINTR.code(), null,
                            "dump interrupted by concurrent changes " + DUMP_ATTEMPTS + " times");
                }
            }
        }
    }

    private List<NetlinkMessage> exchange(NetlinkMessageBuilder message, int flags, String operation,
            Capability capability) throws NativeException {
        int seq = sequence.getAndIncrement();
        byte[] bytes = message.build(seq, 0);
        ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder()).putShort(6, (short) flags);
        List<NetlinkMessage> replies = new ArrayList<>();
        socket.use(description(), fd -> {
            send(fd, bytes, operation, capability);
            collectReplies(seq, operation, capability, replies);
        });
        return replies;
    }

    private void send(int fd, byte[] bytes, String operation, Capability capability) throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            Libc.sendto(fd, Segments.copyOf(arena, bytes), SocketAddresses.netlink(arena, 0, 0), operation, capability);
        }
    }

    private void collectReplies(int seq, String operation, Capability capability, List<NetlinkMessage> replies)
            throws NativeException {
        while (true) {
            if (!socket.awaitReadable(replyTimeout)) {
                if (!socket.isOpen()) {
                    throw new NativeException(operation, Errno.EBADF.code(), null, "socket closed while waiting");
                }
                throw new NativeException(operation, Errno.ETIMEDOUT.code(), null,
                        "no reply within " + replyTimeout.toMillis() + " ms");
            }
            Optional<NetlinkMessage.Batch> batch = readBatch(operation);
            if (batch.isEmpty()) {
                continue;
            }
            for (NetlinkMessage reply : batch.get().messages()) {
                if (reply.sequence() != seq || reply.portId() != portId && reply.portId() != 0) {
                    continue;
                }
                if (reply.isError() || reply.isDone()) {
                    NetlinkStatus status = NetlinkStatus.of(reply).orElse(
                            new NetlinkStatus(Errno.EIO.code(), Optional.of("truncated error message"),
                                    OptionalLong.empty()));
                    if (!status.isSuccess()) {
                        throw new NetlinkException(operation, status, capability);
                    }
                    return;
                }
                replies.add(reply);
            }
            if (batch.get().malformed().isPresent()) {
                throw new NativeException(operation, Errno.EIO.code(), null,
                        "malformed netlink reply: " + batch.get().malformed().get());
            }
        }
    }

    /**
     * Waits for one datagram of notifications.
     *
     * @param timeout how long to wait; null waits until data or close
     * @return the messages, or empty on timeout or once closed ({@link #isOpen()} tells which)
     * @throws NativeException ENOBUFS when the kernel dropped notifications because the
     *     receive buffer overflowed: the listener must resynchronise its view
     */
    public Optional<NetlinkMessage.Batch> receive(Duration timeout) throws NativeException {
        if (!socket.enter()) {
            return Optional.empty();
        }
        try {
            if (!socket.awaitReadable(timeout)) {
                return Optional.empty();
            }
            return readBatch("recvmsg(AF_NETLINK " + protocol + ")");
        } finally {
            socket.exit();
        }
    }

    private Optional<NetlinkMessage.Batch> readBatch(String operation) throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment data = arena.allocate(DATAGRAM_BUFFER);
            MemorySegment msg = MessageHeader.of(arena, arena.allocate(SocketAddresses.SOCKADDR_NL_SIZE, 4), data, null);
            long length = Libc.recvmsg(socket.fd(), msg, MSG_DONTWAIT, operation);
            if (length < 0) {
                return Optional.empty();
            }
            if ((MessageHeader.flags(msg) & MessageHeader.MSG_TRUNC) != 0) {
                throw new NativeException(operation, Errno.EMSGSIZE.code(), null,
                        "netlink datagram larger than " + DATAGRAM_BUFFER + " bytes");
            }
            return Optional.of(NetlinkMessage.split(Segments.toArray(data, length), (int) length));
        }
    }

    /** True until {@link #close()}. */
    public boolean isOpen() {
        return socket.isOpen();
    }

    /** Closes the socket, waking a blocked receiver; idempotent. */
    @Override
    public void close() {
        socket.close();
    }

    private String description() {
        return "netlink socket (protocol " + protocol + ")";
    }
}
