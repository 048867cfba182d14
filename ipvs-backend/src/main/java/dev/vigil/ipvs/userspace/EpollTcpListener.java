package dev.vigil.ipvs.userspace;

import dev.vigil.ipvs.IpAddress;
import dev.vigil.linux.Errno;
import io.netty.channel.IoEvent;
import io.netty.channel.IoRegistration;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.channel.epoll.EpollIoOps;
import io.netty.channel.unix.FileDescriptor;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One listening TCP socket of a service on one event loop (the epoll relay): SO_REUSEPORT
 * lets every loop have its own, the kernel spreading new connections across them, and
 * IP_FREEBIND lets it bind a VIP this node does not hold yet. The accepted sockets inherit
 * the listener's TCP_NODELAY (Linux copies it into the child), so a relay never holds small
 * segments back and no option call is made per connection. Readiness is level-triggered:
 * a burst larger than one round of accepts is reported again on the next wait.
 */
final class EpollTcpListener implements EpollIoHandle {

    private static final Logger LOG = LoggerFactory.getLogger(EpollTcpListener.class);
    /** Accept queue length asked of listen(2); the kernel caps it at net.core.somaxconn (4096 since 5.4). */
    static final int BACKLOG = 4096;
    /** Connections accepted per readiness report, so one busy listener cannot hold its loop. */
    private static final int ACCEPTS_PER_WAKEUP = 64;
    /** At most one warning a second about failing accepts (EMFILE would otherwise repeat at every wait). */
    private static final long WARN_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final FileDescriptor fd;
    private final RelayLoop relayLoop;
    private final ServiceState service;
    private final ForwardingContext context;
    private IoRegistration registration;
    private long lastWarningNanos;

    private EpollTcpListener(int fd, RelayLoop relayLoop, ServiceState service, ForwardingContext context) {
        this.fd = new FileDescriptor(fd);
        this.relayLoop = relayLoop;
        this.service = service;
        this.context = context;
    }

    /**
     * Opens, binds and starts a listener on the calling thread (whose network namespace the
     * socket joins), then registers it with {@code relayLoop}'s event loop. Throws with the
     * failed call and its errno, e.g. {@code bind: EADDRINUSE (Address already in use)}.
     */
    static EpollTcpListener open(IpAddress address, int port, RelayLoop relayLoop, ServiceState service,
                                 ForwardingContext context) throws IOException {
        int fd;
        try (Arena arena = Arena.ofConfined()) {
            NativeSockets sockets = new NativeSockets(arena);
            fd = check(sockets.tcpSocket(SocketAddresses.family(address)), "socket", -1);
            check(sockets.setInt(fd, NativeSockets.SOL_SOCKET, NativeSockets.SO_REUSEADDR, 1), "SO_REUSEADDR", fd);
            check(sockets.setInt(fd, NativeSockets.SOL_SOCKET, NativeSockets.SO_REUSEPORT, 1), "SO_REUSEPORT", fd);
            check(sockets.setInt(fd, NativeSockets.SOL_IP, NativeSockets.IP_FREEBIND, 1), "IP_FREEBIND", fd);
            check(sockets.setInt(fd, NativeSockets.IPPROTO_TCP, NativeSockets.TCP_NODELAY, 1), "TCP_NODELAY", fd);
            MemorySegment sockaddr = arena.allocate(SocketAddresses.MAX_LENGTH, 8);
            check(sockets.bind(fd, sockaddr, SocketAddresses.write(sockaddr, address, port)), "bind", fd);
            check(sockets.listen(fd, BACKLOG), "listen", fd);
        }
        EpollTcpListener listener = new EpollTcpListener(fd, relayLoop, service, context);
        try {
            listener.register();
        } catch (IOException | RuntimeException e) {
            listener.closeSocket();
            throw e;
        }
        return listener;
    }

    private static int check(int result, String operation, int fd) throws IOException {
        if (result >= 0) {
            return result;
        }
        if (fd >= 0) {
            try {
                new FileDescriptor(fd).close();
            } catch (IOException ignored) {
                // the failure being reported is the one that matters
            }
        }
        throw new IOException(operation + ": " + Errno.nameOf(-result) + " (" + Errno.describe(-result) + ")");
    }

    private void register() throws IOException {
        io.netty.util.concurrent.Future<?> done = relayLoop.loop().submit(() -> {
            registration = relayLoop.loop().register(this).syncUninterruptibly().getNow();
            registration.submit(EpollIoOps.EPOLLIN);
        }).awaitUninterruptibly();
        if (!done.isSuccess()) {
            throw new IOException("registering with the event loop: " + done.cause(), done.cause());
        }
    }

    @Override
    public FileDescriptor fd() {
        return fd;
    }

    @Override
    public void handle(IoRegistration ignored, IoEvent event) {
        NativeSockets sockets = relayLoop.sockets();
        MemorySegment peer = relayLoop.address();
        for (int i = 0; i < ACCEPTS_PER_WAKEUP && fd.isOpen(); i++) {
            int child = sockets.accept(fd.intValue(), peer, relayLoop.addressLength());
            if (child < 0) {
                if (child != -NativeSockets.EAGAIN) {
                    warnAcceptFailure(-child);
                }
                return;
            }
            new EpollTcpSession(context, service, relayLoop)
                    .accepted(child, SocketAddresses.address(peer), SocketAddresses.port(peer));
        }
    }

    private void warnAcceptFailure(int errno) {
        long now = System.nanoTime();
        if (now - lastWarningNanos >= WARN_INTERVAL_NANOS || lastWarningNanos == 0) {
            lastWarningNanos = now;
            LOG.warn("accept on {} failed: {} ({}); check the open-file limit (ulimit -n) if EMFILE",
                    service.service().key(), Errno.nameOf(errno), Errno.describe(errno));
        }
    }

    /** Stops accepting and releases the address; waits until done. Call from outside the loop. */
    void closeAndWait() {
        relayLoop.loop().submit(this::closeSocket).awaitUninterruptibly();
    }

    private void closeSocket() {
        try {
            fd.close();
        } catch (IOException ignored) {
            // the descriptor is gone either way
        }
        if (registration != null) {
            registration.cancel();
        }
    }

    /** Called by the event loop when it shuts down. */
    @Override
    public void close() {
        closeSocket();
    }
}
