package dev.vigil.ipvs.userspace;

import dev.vigil.ipvs.IpAddress;
import dev.vigil.ipvs.Protocol;
import dev.vigil.ipvs.ServiceKey;
import dev.vigil.ipvs.conn.Connection;
import dev.vigil.ipvs.conn.Direction;
import dev.vigil.ipvs.sched.Flow;
import dev.vigil.linux.Errno;
import io.netty.buffer.ByteBuf;
import io.netty.channel.IoEvent;
import io.netty.channel.IoRegistration;
import io.netty.channel.epoll.EpollIoEvent;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.channel.epoll.EpollIoOps;
import io.netty.channel.unix.FileDescriptor;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One proxied TCP connection on the epoll transport, driven directly by its event loop's
 * readiness events instead of two Netty channels: the accepted client socket and the socket
 * to the real server are registered edge-triggered for input and peer shutdown, and for
 * output only while it matters — while the server socket connects, and while a send is
 * blocked — and never removed (closing a socket takes it out of epoll). A connection whose
 * request completes its connect (loopback, see below) then costs fewer system calls than
 * in HAProxy: accept, socket, TCP_NODELAY, connect, one registration per socket, the reads
 * and writes, at most one shutdown, two closes; one that waits for the connect event has
 * one epoll_ctl more, to stop the output events. (Output events on a writable socket would
 * come with every input event, and Netty allocates a new event object for each report of
 * EPOLLIN|EPOLLOUT: 62 bytes of garbage per keep-alive request, and a collection every
 * few seconds.) A read that returns the last bytes before a FIN that epoll already
 * reported (EPOLLRDHUP) ends that side's input without the read that would return 0.
 *
 * <ul>
 *   <li>Scheduling happens on accept; no destination → the client gets a RST.</li>
 *   <li>What the client sent before it was accepted is read at once and sent while the
 *       connect is in progress, which succeeds when the handshake is already complete
 *       (see {@link #sendWhileConnecting}), as HAProxy does: the real server gets the
 *       request one turn of the loop earlier (docs/BENCHMARKS.md has the effect on latency).</li>
 *   <li>Data read from one side is sent to the other at once from the loop's read buffer;
 *       only what the socket does not take (or anything read before the server connection
 *       is up) is copied into a pooled buffer and queued. The PROXY header, if configured,
 *       goes first.</li>
 *   <li>Back-pressure: while the bytes queued towards a side exceed the high water mark,
 *       the other side is not read (its kernel buffer fills and TCP pushes back); reading
 *       resumes when the queue drains to the low mark. So at most the high mark plus one
 *       read is queued per direction.</li>
 *   <li>Half-close: end of stream from one side becomes a shutdown of the other side's
 *       output once everything before it was written; the pair closes when both directions
 *       are finished, or at once when either socket fails.</li>
 *   <li>Connect timeout: the loop's {@link ConnectDeadlines}, one timer per loop.</li>
 * </ul>
 *
 * Edge-triggered readiness means: a side marked readable is read until a short read,
 * EAGAIN or end of stream (reads are bounded per turn, the rest continues as a task); a side
 * whose send returned EAGAIN waits for its next output event. Sockets are closed after the
 * batch of events in which the pair ended ({@link RelayLoop#closeAfterEvents}), so no event
 * of a closed socket reaches a new one. Everything except {@link #close()} and
 * {@link #pendingWriteBytes()} runs on the loop.
 */
final class EpollTcpSession extends Session {

    private static final Logger LOG = LoggerFactory.getLogger(EpollTcpSession.class);
    /** epoll(7): urgent (out-of-band) data is waiting; Netty has no constant for it. */
    private static final int EPOLLPRI = 0x002;
    /**
     * EPOLLPRI is asked for only to be told about urgent data: a read stops short at the
     * urgent mark, so a short read then does not mean that everything before the FIN was read.
     */
    private static final EpollIoOps READ_INTEREST = EpollIoOps.EPOLLIN.with(EpollIoOps.EPOLLRDHUP)
            .with(EpollIoOps.valueOf(EPOLLPRI)).with(EpollIoOps.EPOLLET);
    /** While connecting, or while a send is blocked: also the output events. */
    private static final EpollIoOps READ_WRITE_INTEREST = READ_INTEREST.with(EpollIoOps.EPOLLOUT);
    private static final int EPOLLIN = EpollIoOps.EPOLLIN.value();
    private static final int EPOLLOUT = EpollIoOps.EPOLLOUT.value();
    private static final int EPOLLRDHUP = EpollIoOps.EPOLLRDHUP.value();
    private static final int EPOLLERR = EpollIoOps.EPOLLERR.value();
    /** epoll(7): the peer closed both directions or the connection broke; always reported. */
    private static final int EPOLLHUP = 0x010;
    private static final int READ_EVENTS = EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR;
    private static final int WRITE_EVENTS = EPOLLOUT | EPOLLHUP | EPOLLERR;
    /** Reads per side before yielding the loop to other connections (64 KiB each: 1 MiB). */
    private static final int READS_PER_TURN = 16;

    private final ForwardingContext context;
    private final ServiceState service;
    private final RelayLoop loop;
    private final Endpoint client = new Endpoint(true);
    private final Endpoint server = new Endpoint(false);
    private IpAddress clientAddress;
    private int clientPort;
    private ConnectDeadlines.Entry<EpollTcpSession> connectDeadline;
    private boolean connected;
    private boolean ended;

    EpollTcpSession(ForwardingContext context, ServiceState service, RelayLoop loop) {
        super(Protocol.TCP);
        this.context = context;
        this.service = service;
        this.loop = loop;
    }

    /**
     * A client connected ({@code fd} from accept, already counted in the loop's sessions);
     * schedules it and connects to the real server.
     */
    void accepted(int fd, IpAddress address, int port) {
        client.fd = new FileDescriptor(fd);
        clientAddress = address;
        clientPort = port;
        ServiceKey.Inet key = (ServiceKey.Inet) service.service().key();
        Flow flow = new Flow(Protocol.TCP, address, port, key.address(), key.port());
        if (!context.state().open(service, flow, this)) {
            loop.sessionEnded();
            loop.sockets().lingerZero(fd);
            closeQuietly(client.fd);
            return;
        }
        connect();
        if (!ended) {
            // Clients usually send first, and the request is already there: read it now
            // rather than at the event that registering the client would bring. Before the
            // server's registration, so that a connect this send completed (loopback) is
            // registered for input only.
            client.readable = true;
            pump(client);
        }
        if (!ended) {
            register(server);
        }
        if (!ended) {
            register(client);
        }
    }

    private void connect() {
        Connection c = booking().connection();
        IpAddress target = c.destination().address();
        NativeSockets sockets = loop.sockets();
        int fd = sockets.tcpSocket(SocketAddresses.family(target));
        if (fd < 0) {
            connectFailed(-fd);
            return;
        }
        server.fd = new FileDescriptor(fd);
        sockets.setInt(fd, NativeSockets.IPPROTO_TCP, NativeSockets.TCP_NODELAY, 1);
        int length = SocketAddresses.write(loop.address(), target, c.destinationPort());
        int result = sockets.connect(fd, loop.address(), length);
        if (result == 0) {
            established();
        } else if (result == -NativeSockets.EINPROGRESS) {
            connectDeadline = loop.connecting(this);
        } else {
            connectFailed(-result);
        }
    }

    private void register(Endpoint side) {
        if (ended) {
            return;
        }
        Future<IoRegistration> registered = loop.loop().register(side);
        if (!registered.isSuccess()) {
            LOG.debug("registering a socket of {} failed: {}", booking().target(), String.valueOf(registered.cause()));
            closeBoth();
            return;
        }
        side.registration = registered.getNow();
        side.pollingOutput = side.needsOutputEvents();
        submit(side);
    }

    /**
     * Asks for output events only while {@code side} needs them (it is connecting, or a
     * send was blocked); one epoll_ctl when that changes. Edge-triggered: a modification
     * reports what is ready at once, so no event is lost between the change and the call.
     */
    private void updateOutputEvents(Endpoint side) {
        boolean wanted = side.needsOutputEvents();
        if (side.registration != null && !ended && side.pollingOutput != wanted) {
            side.pollingOutput = wanted;
            submit(side);
        }
    }

    private void submit(Endpoint side) {
        try {
            side.registration.submit(side.pollingOutput ? READ_WRITE_INTEREST : READ_INTEREST);
        } catch (UncheckedIOException e) {
            LOG.debug("epoll_ctl for {} failed: {}", booking().target(), e.getCause().toString());
            closeBoth();
        }
    }

    private void onEvent(Endpoint side, int events) {
        if (ended) {
            return;
        }
        if ((events & WRITE_EVENTS) != 0) {
            if (side == server && !connected) {
                finishConnect(events);
            } else {
                side.writeBlocked = false;
                flush(side);
            }
            if (ended) {
                return;
            }
        }
        if ((events & READ_EVENTS) != 0) {
            side.readable = true;
            if ((events & (EPOLLRDHUP | EPOLLHUP | EPOLLERR)) != 0) {
                side.hangup = true;
            }
            side.finQueued = (events & (EPOLLRDHUP | EPOLLHUP | EPOLLERR | EPOLLPRI)) == EPOLLRDHUP;
            pump(side);
        }
    }

    /**
     * The first output event of the connecting socket: without EPOLLERR or EPOLLHUP it is
     * connected (no event can be stale, see {@link RelayLoop}); otherwise SO_ERROR says why
     * it failed.
     */
    private void finishConnect(int events) {
        if ((events & (EPOLLERR | EPOLLHUP)) != 0) {
            int error = loop.sockets().socketError(server.fd.intValue());
            connectFailed(error == 0 ? NativeSockets.ECONNREFUSED : Math.abs(error));
            return;
        }
        loop.connectEnded(connectDeadline);
        established();
    }

    private void established() {
        connected = true;
        context.state().established(this);
        booking().proxyProtocol().ifPresent(version -> {
            ServiceKey.Inet key = (ServiceKey.Inet) service.service().key();
            byte[] header = ProxyHeader.encode(version, clientAddress, clientPort, key.address(), key.port());
            server.queue().addFirst(context.allocator().directBuffer(header.length).writeBytes(header));
            server.queued += header.length;
        });
        flush(server);
    }

    void connectTimedOut() {
        if (!ended && !connected) {
            LOG.debug("connect to {} timed out", booking().target());
            resetClientAndClose();
        }
    }

    private void connectFailed(int errno) {
        LOG.debug("connect to {} failed: {}", booking().target(), Errno.nameOf(errno));
        resetClientAndClose();
    }

    private void resetClientAndClose() {
        loop.sockets().lingerZero(client.fd.intValue());
        closeBoth();
    }

    /** Reads {@code from} while it has data and the other side's queue has room. */
    private void pump(Endpoint from) {
        Endpoint to = from.peer();
        NativeSockets sockets = loop.sockets();
        MemorySegment buffer = loop.readBuffer();
        int reads = 0;
        while (from.readable && !from.inputEnded && !ended) {
            if (to.queued >= context.settings().writeBufferHighWaterMark()) {
                from.paused = true;
                return;
            }
            if (reads++ == READS_PER_TURN) {
                loop.loop().execute(from.readAgain());
                return;
            }
            long n = sockets.recv(from.fd.intValue(), buffer, RelayLoop.READ_SIZE);
            if (n > 0) {
                if (from == client) {
                    countIn((int) n);
                } else {
                    countOut((int) n);
                }
                boolean last = n < RelayLoop.READ_SIZE && from.finQueued;
                deliver(to, (int) n, last);
                if (last && !ended) {
                    inputEnded(from);
                } else if (n < RelayLoop.READ_SIZE && !from.hangup) {
                    from.readable = false;
                }
            } else if (n == 0) {
                inputEnded(from);
            } else if (n == -NativeSockets.EAGAIN) {
                from.readable = false;
                from.hangup = false;
            } else {
                failed(from, (int) -n);
            }
        }
    }

    /**
     * Sends the first {@code length} bytes of the read buffer to {@code to}, queueing what it
     * does not take. {@code beforeFin}: the input ended with these bytes, and the shutdown of
     * {@code to} follows at once when they all go out; MSG_MORE then holds a partial segment
     * back so that the FIN leaves in it (one segment less for both ends to process, as
     * HAProxy does). Were the send partial, the rest goes out later without the flag.
     */
    private void deliver(Endpoint to, int length, boolean beforeFin) {
        if (to == server && !connected) {
            sendWhileConnecting(length);
            return;
        }
        if (to.writeBlocked || to.hasQueue()) {
            enqueue(to, 0, length);
            return;
        }
        long sent = loop.sockets().send(to.fd.intValue(), loop.readBuffer(), length,
                beforeFin ? NativeSockets.MSG_MORE : 0);
        if (sent == length) {
            return;
        }
        if (sent >= 0 || sent == -NativeSockets.EAGAIN) {
            int done = (int) Math.max(0, sent);
            enqueue(to, done, length - done);
            to.writeBlocked = true;
            updateOutputEvents(to);
        } else {
            failed(to, (int) -sent);
        }
    }

    /**
     * Data for a server whose connect has not been reported yet: try to send it anyway. On a
     * near network (loopback, the same host or LAN) the handshake has often completed by the
     * time connect(2) returns, and the server gets the request a turn of the loop earlier; a
     * send on a socket still connecting fails with EAGAIN, and the bytes are queued for the
     * connect event as before. A failure means the connect failed (e.g. ECONNREFUSED). With
     * a PROXY header, which must go first, the data always waits for the connect event.
     */
    private void sendWhileConnecting(int length) {
        if (booking().proxyProtocol().isPresent() || server.hasQueue()) {
            enqueue(server, 0, length);
            return;
        }
        long sent = loop.sockets().send(server.fd.intValue(), loop.readBuffer(), length, 0);
        if (sent == -NativeSockets.EAGAIN) {
            enqueue(server, 0, length);
            return;
        }
        if (sent < 0) {
            connectFailed((int) -sent);
            return;
        }
        if (sent < length) {
            enqueue(server, (int) sent, length - (int) sent);
        }
        loop.connectEnded(connectDeadline);
        established();
    }

    private void enqueue(Endpoint to, int offset, int length) {
        ByteBuffer view = loop.readBufferView();
        view.limit(offset + length).position(offset);
        to.queue().add(context.allocator().directBuffer(length).writeBytes(view));
        view.clear();
        to.queued += length;
    }

    /** Writes what is queued towards {@code to}; then passes on a shutdown and lets its peer read again. */
    private void flush(Endpoint to) {
        if (to.hasQueue()) {
            NativeSockets sockets = loop.sockets();
            ArrayDeque<ByteBuf> queue = to.queue();
            ByteBuf next;
            while ((next = queue.peek()) != null) {
                int length = next.readableBytes();
                long sent = sockets.send(to.fd.intValue(),
                        MemorySegment.ofBuffer(next.internalNioBuffer(next.readerIndex(), length)), length);
                if (sent == length) {
                    queue.poll().release();
                    to.queued -= length;
                } else if (sent >= 0 || sent == -NativeSockets.EAGAIN) {
                    next.skipBytes((int) Math.max(0, sent));
                    to.queued -= Math.max(0, sent);
                    to.writeBlocked = true;
                    break;
                } else {
                    failed(to, (int) -sent);
                    return;
                }
            }
        }
        updateOutputEvents(to);
        if (ended) {
            return;
        }
        if (!to.hasQueue() && to.shutdownPending) {
            shutdownOutput(to);
            if (ended) {
                return;
            }
        }
        Endpoint reader = to.peer();
        if (reader.paused && to.queued <= context.settings().writeBufferLowWaterMark()) {
            reader.paused = false;
            pump(reader);
        }
    }

    private void inputEnded(Endpoint from) {
        from.inputEnded = true;
        from.readable = false;
        context.state().finished(this, from == client ? Direction.INPUT : Direction.OUTPUT);
        Endpoint to = from.peer();
        to.shutdownPending = true;
        if (to == client || connected) {
            flush(to);
        }
    }

    /** Everything before the FIN was written to {@code side}: pass the FIN on, or close when both are done. */
    private void shutdownOutput(Endpoint side) {
        side.shutdownPending = false;
        if (client.inputEnded && server.inputEnded && !client.hasQueue() && !server.hasQueue()) {
            closeBoth();
            return;
        }
        int result = loop.sockets().shutdownOutput(side.fd.intValue());
        if (result < 0) {
            failed(side, -result);
        }
    }

    private void failed(Endpoint side, int errno) {
        LOG.debug("{} side of {} failed: {}", side.isClient ? "client" : "server", booking().target(),
                Errno.nameOf(errno));
        closeBoth();
    }

    /** Ends the pair now: both sockets closed (a FIN, or a RST if unread data remains), queues freed. */
    private void closeBoth() {
        if (ended) {
            return;
        }
        ended = true;
        loop.sessionEnded();
        if (connectDeadline != null) {
            loop.connectEnded(connectDeadline);
        }
        client.freeQueue();
        server.freeQueue();
        context.state().closed(this);
        loop.closeAfterEvents(this);
    }

    /** Closes both descriptors (after the batch of events in which the pair ended). */
    void releaseSockets() {
        client.closeSocket();
        server.closeSocket();
    }

    private static void closeQuietly(FileDescriptor fd) {
        try {
            fd.close();
        } catch (IOException ignored) {
            // the descriptor is released either way
        }
    }

    @Override
    long pendingWriteBytes() {
        return client.queued + server.queued;
    }

    @Override
    void close() {
        try {
            loop.loop().execute(this::closeBoth);
        } catch (RejectedExecutionException stopping) {
            // the loop is shutting down and closes every registered socket itself
        }
    }

    /** One socket of the pair: its descriptor, registration, queue and edge-triggered state. */
    private final class Endpoint implements EpollIoHandle {
        private final boolean isClient;
        private FileDescriptor fd;
        private IoRegistration registration;
        /** Data waiting to be written to this socket; created on first use. */
        private ArrayDeque<ByteBuf> queue;
        /** Bytes in the queue; written by the loop, read by housekeeping. */
        private volatile long queued;
        /** Readiness reported and not yet read to EAGAIN (edge-triggered). */
        private boolean readable;
        /** The peer shut down or the socket failed: read on after a short read, up to EOF. */
        private boolean hangup;
        /**
         * The last event reported the peer's FIN alone (EPOLLRDHUP: the kernel had taken in
         * everything before it) and no urgent data: a short read has then emptied the
         * receive queue up to the FIN, and the read that would return 0 is saved.
         */
        private boolean finQueued;
        /** Not read because the other side's queue is over the high water mark. */
        private boolean paused;
        private boolean inputEnded;
        /** The last send returned EAGAIN or wrote part: wait for the next output event. */
        private boolean writeBlocked;
        /** The registration asks for output events (EPOLLOUT). */
        private boolean pollingOutput;
        /** The other side ended its input: shut this socket's output once the queue is empty. */
        private boolean shutdownPending;
        private Runnable readAgain;

        Endpoint(boolean isClient) {
            this.isClient = isClient;
        }

        Endpoint peer() {
            return isClient ? server : client;
        }

        /** Output events matter while the server socket connects and while a send is blocked. */
        boolean needsOutputEvents() {
            return writeBlocked || (!isClient && !connected);
        }

        ArrayDeque<ByteBuf> queue() {
            if (queue == null) {
                queue = new ArrayDeque<>(4);
            }
            return queue;
        }

        boolean hasQueue() {
            return queue != null && !queue.isEmpty();
        }

        Runnable readAgain() {
            if (readAgain == null) {
                readAgain = () -> {
                    if (!ended) {
                        pump(this);
                    }
                };
            }
            return readAgain;
        }

        @Override
        public FileDescriptor fd() {
            return fd;
        }

        @Override
        public void handle(IoRegistration ignored, IoEvent event) {
            onEvent(this, ((EpollIoEvent) event).ops().value());
        }

        void freeQueue() {
            if (queue != null) {
                ByteBuf b;
                while ((b = queue.poll()) != null) {
                    b.release();
                }
                queued = 0;
            }
        }

        /** Closes the descriptor first, so cancelling the registration needs no epoll_ctl(DEL). */
        void closeSocket() {
            if (fd != null && fd.isOpen()) {
                closeQuietly(fd);
            }
            if (registration != null) {
                registration.cancel();
            }
        }

        /** The event loop is shutting down: end the pair and release its sockets now. */
        @Override
        public void close() {
            closeBoth();
            releaseSockets();
        }
    }
}
