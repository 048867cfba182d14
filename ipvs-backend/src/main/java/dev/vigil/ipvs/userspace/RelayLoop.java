package dev.vigil.ipvs.userspace;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import io.netty.channel.IoEventLoop;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the epoll relay keeps per event loop, used only from that loop's thread: the
 * system-call binding with its errno buffer, one read buffer that every connection of the
 * loop reads into (data is sent on from it at once; only what a socket does not take is
 * copied into a pooled buffer), a socket-address buffer for accept and connect, the
 * connect deadlines with their single timer, and the sessions whose sockets close once the
 * current batch of events is handled.
 *
 * <p>Why close late: a descriptor closed while the loop works through one batch of epoll
 * events could be reused by an accept or socket call later in the same batch, and an event
 * of the old socket still in the batch would then reach the new one. Closing after the
 * batch (a loop task runs after the I/O events) rules that out, so every event a session
 * sees is its own — which lets an output event without EPOLLERR stand for "connected".
 */
final class RelayLoop {

    /**
     * One read(2) at most: 64 KiB, the largest read Netty's adaptive allocator makes, and
     * the forwarder's default high water mark (so one read never overshoots it twice).
     */
    static final int READ_SIZE = 64 * 1024;

    private final IoEventLoop loop;
    private final NativeSockets sockets;
    private final MemorySegment readBuffer;
    private final ByteBuffer readBufferView;
    private final MemorySegment address;
    private final MemorySegment addressLength;
    private final ConnectDeadlines<EpollTcpSession> connecting;
    private final Runnable expireConnects = this::expireConnects;
    private final List<EpollTcpSession> closing = new ArrayList<>();
    private final Runnable closeSockets = this::closeSockets;
    /** When the deadline timer fires next; Long.MAX_VALUE when it is not armed. */
    private long timerAt = Long.MAX_VALUE;
    /** Sessions assigned to this loop and not ended yet: counted up by the loop that accepted, down by this one. */
    private final AtomicInteger sessions = new AtomicInteger();

    RelayLoop(IoEventLoop loop, long connectTimeoutNanos) {
        this.loop = loop;
        Arena arena = Arena.ofAuto();
        this.sockets = new NativeSockets(arena);
        this.readBuffer = arena.allocate(READ_SIZE, 64);
        this.readBufferView = readBuffer.asByteBuffer();
        this.address = arena.allocate(SocketAddresses.MAX_LENGTH, 8);
        this.addressLength = arena.allocate(JAVA_INT);
        this.connecting = new ConnectDeadlines<>(connectTimeoutNanos);
    }

    IoEventLoop loop() {
        return loop;
    }

    NativeSockets sockets() {
        return sockets;
    }

    MemorySegment readBuffer() {
        return readBuffer;
    }

    /** The read buffer as a ByteBuffer (for copying into Netty buffers); do not move its position. */
    ByteBuffer readBufferView() {
        return readBufferView;
    }

    /** Scratch for one struct sockaddr. */
    MemorySegment address() {
        return address;
    }

    MemorySegment addressLength() {
        return addressLength;
    }

    int sessions() {
        return sessions.get();
    }

    /** A new connection was given to this loop (by whichever loop accepted it). */
    void sessionAssigned() {
        sessions.incrementAndGet();
    }

    void sessionEnded() {
        sessions.decrementAndGet();
    }

    /** {@code session} started connecting now; remove the entry once the connect ends. */
    ConnectDeadlines.Entry<EpollTcpSession> connecting(EpollTcpSession session) {
        ConnectDeadlines.Entry<EpollTcpSession> entry = connecting.add(session, System.nanoTime());
        armTimer();
        return entry;
    }

    void connectEnded(ConnectDeadlines.Entry<EpollTcpSession> entry) {
        connecting.remove(entry);
    }

    /** Releases {@code session}'s sockets after the current batch of events. */
    void closeAfterEvents(EpollTcpSession session) {
        if (closing.isEmpty()) {
            try {
                loop.execute(closeSockets);
            } catch (RejectedExecutionException shuttingDown) {
                session.releaseSockets(); // no batch follows
                return;
            }
        }
        closing.add(session);
    }

    private void closeSockets() {
        for (EpollTcpSession session : closing) {
            session.releaseSockets();
        }
        closing.clear();
    }

    private void expireConnects() {
        timerAt = Long.MAX_VALUE;
        connecting.expire(System.nanoTime(), EpollTcpSession::connectTimedOut);
        armTimer();
    }

    /** Keeps one timer at the earliest deadline (a timer that fires early just re-arms). */
    private void armTimer() {
        long next = connecting.nextDeadlineNanos();
        if (next == Long.MAX_VALUE || timerAt != Long.MAX_VALUE) {
            return;
        }
        timerAt = next;
        loop.schedule(expireConnects, Math.max(0, next - System.nanoTime()), TimeUnit.NANOSECONDS);
    }
}
