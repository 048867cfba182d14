package dev.vigil.ipvs.userspace;

import dev.vigil.ipvs.IpAddress;
import dev.vigil.linux.Errno;
import io.netty.channel.IoEvent;
import io.netty.channel.IoRegistration;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.channel.epoll.EpollIoOps;
import io.netty.channel.unix.FileDescriptor;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listening TCP socket of a service on the epoll relay, shared by every event loop:
 * each loop's epoll instance watches it with EPOLLEXCLUSIVE, so the kernel wakes one loop
 * that is waiting for work when a connection arrives, and a loop that is busy (or was
 * descheduled on a loaded machine) does not hold back connections another loop could take
 * — unlike one SO_REUSEPORT socket per loop, where the kernel assigns each connection to a
 * loop by a hash of its addresses. IP_FREEBIND lets it bind a VIP this node does not hold
 * yet. Accepted sockets inherit the listener's TCP_NODELAY (Linux copies it into the
 * child), so a relay never holds small segments back and no option call is made per
 * connection. Readiness is level-triggered: connections left after one round of accepts
 * are reported again.
 */
final class EpollTcpListener {

    private static final Logger LOG = LoggerFactory.getLogger(EpollTcpListener.class);
    /** Accept queue length asked of listen(2); the kernel caps it at net.core.somaxconn (4096 since 5.4). */
    static final int BACKLOG = 4096;
    /** epoll_ctl(2), Linux 4.5: wake one of the epoll instances waiting on this socket, not all. */
    private static final int EPOLLEXCLUSIVE = 1 << 28;
    private static final EpollIoOps SHARED_INTEREST =
            EpollIoOps.valueOf(EpollIoOps.EPOLLIN.value() | EPOLLEXCLUSIVE);
    /**
     * Connections one loop accepts per readiness report before it relays them; small, so a
     * burst is spread over the loops that are waiting instead of landing on the first one.
     */
    private static final int ACCEPTS_PER_WAKEUP = 8;
    /**
     * A new connection moves to another loop only when that loop has at least this many
     * sessions fewer: short-lived connections then rarely move (a move costs a wake-up of
     * the other loop), long-lived ones end up spread evenly.
     */
    private static final int BALANCE_SLACK = 2;
    /** At most one warning a second about failing accepts (EMFILE would otherwise repeat at every wait). */
    private static final long WARN_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final FileDescriptor fd;
    private final ServiceState service;
    private final ForwardingContext context;
    private final List<LoopHandle> handles = new ArrayList<>();
    /** Guarded by this: when the last accept failure was logged. */
    private long lastWarningNanos;

    private EpollTcpListener(int fd, ServiceState service, ForwardingContext context) {
        this.fd = new FileDescriptor(fd);
        this.service = service;
        this.context = context;
    }

    /**
     * Opens, binds and starts the listener on the calling thread (whose network namespace
     * the socket joins), then registers it with every loop. Throws with the failed call and
     * its errno, e.g. {@code bind: EADDRINUSE (Address already in use)}.
     */
    static EpollTcpListener open(IpAddress address, int port, List<RelayLoop> loops, ServiceState service,
                                 ForwardingContext context) throws IOException {
        int fd;
        try (Arena arena = Arena.ofConfined()) {
            NativeSockets sockets = new NativeSockets(arena);
            fd = check(sockets.tcpSocket(SocketAddresses.family(address)), "socket", -1);
            check(sockets.setInt(fd, NativeSockets.SOL_SOCKET, NativeSockets.SO_REUSEADDR, 1), "SO_REUSEADDR", fd);
            check(sockets.setInt(fd, NativeSockets.SOL_IP, NativeSockets.IP_FREEBIND, 1), "IP_FREEBIND", fd);
            check(sockets.setInt(fd, NativeSockets.IPPROTO_TCP, NativeSockets.TCP_NODELAY, 1), "TCP_NODELAY", fd);
            MemorySegment sockaddr = arena.allocate(SocketAddresses.MAX_LENGTH, 8);
            check(sockets.bind(fd, sockaddr, SocketAddresses.write(sockaddr, address, port)), "bind", fd);
            check(sockets.listen(fd, BACKLOG), "listen", fd);
        }
        EpollTcpListener listener = new EpollTcpListener(fd, service, context);
        try {
            for (RelayLoop loop : loops) {
                listener.register(loop);
            }
        } catch (IOException | RuntimeException e) {
            listener.closeAndWait();
            throw e;
        }
        return listener;
    }

    private static int check(int result, String operation, int fd) throws IOException {
        if (result >= 0) {
            return result;
        }
        if (fd >= 0) {
            closeQuietly(new FileDescriptor(fd));
        }
        throw new IOException(operation + ": " + Errno.nameOf(-result) + " (" + Errno.describe(-result) + ")");
    }

    private void register(RelayLoop loop) throws IOException {
        LoopHandle handle = new LoopHandle(loop);
        handles.add(handle);
        Future<?> done = loop.loop().submit(() -> {
            IoRegistration registration = loop.loop().register(handle).syncUninterruptibly().getNow();
            handle.registration = registration;
            try {
                registration.submit(SHARED_INTEREST);
            } catch (UncheckedIOException exclusiveRefused) {
                // EPOLLEXCLUSIVE is accepted only when the descriptor is added; a Netty that
                // added it already gets a plain registration (every loop woken).
                registration.submit(EpollIoOps.EPOLLIN);
            }
        }).awaitUninterruptibly();
        if (!done.isSuccess()) {
            throw new IOException("registering with the event loop: " + done.cause(), done.cause());
        }
    }

    private void warnAcceptFailure(int errno) {
        long now = System.nanoTime();
        synchronized (this) {
            if (lastWarningNanos != 0 && now - lastWarningNanos < WARN_INTERVAL_NANOS) {
                return;
            }
            lastWarningNanos = now;
        }
        LOG.warn("accept on {} failed: {} ({}); check the open-file limit (ulimit -n) if EMFILE",
                service.service().key(), Errno.nameOf(errno), Errno.describe(errno));
    }

    /**
     * Stops accepting and releases the address; waits until done. Every loop first drops
     * its registration (so none can see the descriptor again), then the socket closes.
     * Call from outside the loops.
     */
    void closeAndWait() {
        for (LoopHandle handle : handles) {
            handle.loop.loop().submit(handle::unregister).awaitUninterruptibly();
        }
        closeQuietly(fd);
    }

    private static void closeQuietly(FileDescriptor fd) {
        try {
            fd.close();
        } catch (IOException ignored) {
            // the descriptor is gone either way
        }
    }

    /** The listener as one loop's epoll instance sees it. */
    private final class LoopHandle implements EpollIoHandle {
        private final RelayLoop loop;
        private IoRegistration registration;

        LoopHandle(RelayLoop loop) {
            this.loop = loop;
        }

        @Override
        public FileDescriptor fd() {
            return fd;
        }

        @Override
        public void handle(IoRegistration ignored, IoEvent event) {
            NativeSockets sockets = loop.sockets();
            MemorySegment peer = loop.address();
            for (int i = 0; i < ACCEPTS_PER_WAKEUP && registration != null; i++) {
                int child = sockets.accept(fd.intValue(), peer, loop.addressLength());
                if (child < 0) {
                    if (child != -NativeSockets.EAGAIN) {
                        warnAcceptFailure(-child);
                    }
                    return;
                }
                relay(child, SocketAddresses.address(peer), SocketAddresses.port(peer));
            }
        }

        /**
         * Relays a new connection on the loop with the fewest sessions: this one unless
         * another has clearly fewer (HAProxy balances its threads the same way). Which
         * waiting loop the kernel wakes is not balanced — a burst of connections can land
         * almost entirely on one loop — and long-lived connections stay where they land.
         */
        private void relay(int fd, IpAddress address, int port) {
            RelayLoop target = loop;
            int fewest = loop.sessions() - BALANCE_SLACK;
            for (LoopHandle other : handles) {
                int theirs = other.loop.sessions();
                if (theirs < fewest) {
                    fewest = theirs;
                    target = other.loop;
                }
            }
            target.sessionAssigned();
            if (target == loop) {
                new EpollTcpSession(context, service, loop).accepted(fd, address, port);
                return;
            }
            RelayLoop chosen = target;
            try {
                chosen.loop().execute(() -> new EpollTcpSession(context, service, chosen).accepted(fd, address, port));
            } catch (RejectedExecutionException shuttingDown) {
                chosen.sessionEnded();
                loop.sessionAssigned();
                new EpollTcpSession(context, service, loop).accepted(fd, address, port);
            }
        }

        void unregister() {
            IoRegistration r = registration;
            registration = null;
            if (r != null) {
                r.cancel();
            }
        }

        /** Called by the event loop when it shuts down. */
        @Override
        public void close() {
            unregister();
            closeQuietly(fd);
        }
    }
}
