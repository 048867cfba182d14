package dev.vigil.linux.socket;

import dev.vigil.linux.LinuxNative;
import dev.vigil.linux.NativeException;
import dev.vigil.linux.internal.Libc;
import dev.vigil.linux.internal.MessageHeader;
import dev.vigil.linux.internal.Segments;
import dev.vigil.linux.internal.SocketFd;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A unix-domain datagram socket ({@code AF_UNIX, SOCK_DGRAM}, unix(7)), which the JDK lacks
 * (its unix-domain channels are stream sockets only). Vigil sends systemd's readiness
 * notifications with it ({@code sd_notify(3)}: one datagram to {@code $NOTIFY_SOCKET}); tests
 * bind one to receive them.
 *
 * <p>The socket is non-blocking: {@link #send} never waits. When the receiver's queue is full
 * it fails at once with EAGAIN, when nobody is bound to an abstract name with ECONNREFUSED,
 * and when a path does not exist with ENOENT; each as a {@link NativeException} naming the
 * operation and errno. Sending needs no privilege beyond write permission on a path.
 *
 * <p>Thread safety: one thread may block in {@link #receive} while others send or
 * {@link #close()}; close wakes the receiver, which then returns empty. A socket bound to a
 * path leaves the file behind when closed (as bind(2) does); the binder removes it.
 */
public final class UnixDatagramSocket implements AutoCloseable {

    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_NONBLOCK = 0x800;
    private static final int SOCK_CLOEXEC = 0x80000;
    /** MSG_DONTWAIT: poll said readable; never block if another reader took the datagram. */
    private static final int MSG_DONTWAIT = 0x40;
    /** Largest datagram {@link #receive} returns whole; longer ones come back truncated. */
    public static final int MAX_RECEIVE = 65_536;

    private final SocketFd socket;
    private final Optional<UnixSocketAddress> local;

    private UnixDatagramSocket(SocketFd socket, Optional<UnixSocketAddress> local) {
        this.socket = socket;
        this.local = local;
    }

    /** An unbound socket, for sending. */
    public static UnixDatagramSocket open() throws NativeException {
        return new UnixDatagramSocket(create(), Optional.empty());
    }

    /**
     * A socket bound to {@code address}, for receiving.
     *
     * @throws NativeException EADDRINUSE when the name is taken or the path exists
     */
    public static UnixDatagramSocket bind(UnixSocketAddress address) throws NativeException {
        Objects.requireNonNull(address, "address");
        SocketFd fd = create();
        try {
            fd.use("unix datagram socket", descriptor -> {
                try (Arena arena = Arena.ofConfined()) {
                    Libc.bind(descriptor, address.toSockaddr(arena), "bind(AF_UNIX " + address + ")", null);
                }
            });
        } catch (NativeException e) {
            fd.close();
            throw e;
        }
        return new UnixDatagramSocket(fd, Optional.of(address));
    }

    private static SocketFd create() throws NativeException {
        String operation = "socket(AF_UNIX, SOCK_DGRAM, 0)";
        LinuxNative.ensureAvailable(operation);
        int fd = Libc.socket(UnixSocketAddress.AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, operation, null);
        return SocketFd.wrap(fd);
    }

    /** The address this socket is bound to, if it was bound. */
    public Optional<UnixSocketAddress> localAddress() {
        return local;
    }

    /**
     * Sends one datagram to {@code destination}, without waiting.
     *
     * @throws NativeException EAGAIN (receiver's queue full), ECONNREFUSED (no socket bound
     *     there), ENOENT (no such path), EACCES (no write permission on the path), ...
     */
    public void send(UnixSocketAddress destination, byte[] payload) throws NativeException {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(payload, "payload");
        String operation = "sendto(AF_UNIX " + destination + ", " + payload.length + " bytes)";
        socket.use("unix datagram socket", fd -> {
            try (Arena arena = Arena.ofConfined()) {
                Libc.sendto(fd, Segments.copyOf(arena, payload), destination.toSockaddr(arena), operation, null);
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
    public Optional<Datagram> receive(Duration timeout) throws NativeException {
        if (!socket.enter()) {
            return Optional.empty();
        }
        try {
            if (!socket.awaitReadable(timeout)) {
                return Optional.empty();
            }
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment data = arena.allocate(MAX_RECEIVE);
                MemorySegment msg = MessageHeader.of(arena, null, data, null);
                long length = Libc.recvmsg(socket.fd(), msg, MSG_DONTWAIT,
                        "recvmsg(AF_UNIX " + local.map(UnixSocketAddress::toString).orElse("unbound") + ")");
                if (length < 0) {
                    return Optional.empty();
                }
                boolean truncated = (MessageHeader.flags(msg) & MessageHeader.MSG_TRUNC) != 0;
                return Optional.of(new Datagram(Segments.toArray(data, length), truncated));
            }
        } finally {
            socket.exit();
        }
    }

    /**
     * One received datagram.
     *
     * @param payload   its bytes (at most {@link #MAX_RECEIVE})
     * @param truncated true when the datagram was longer and its end was dropped
     */
    public record Datagram(byte[] payload, boolean truncated) {
        public Datagram {
            payload = payload.clone();
        }

        @Override
        public byte[] payload() {
            return payload.clone();
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
}
