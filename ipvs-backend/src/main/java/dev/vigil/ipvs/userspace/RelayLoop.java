package dev.vigil.ipvs.userspace;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import io.netty.channel.IoEventLoop;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * What the epoll relay keeps per event loop, used only from that loop's thread: the
 * system-call binding with its errno buffer, one read buffer that every connection of the
 * loop reads into (data is sent on from it at once; only what a socket does not take is
 * copied into a pooled buffer), a socket-address buffer for accept and connect, and the
 * connect deadlines with their single timer.
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
    /** When the deadline timer fires next; Long.MAX_VALUE when it is not armed. */
    private long timerAt = Long.MAX_VALUE;

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

    /** {@code session} started connecting now; remove the entry once the connect ends. */
    ConnectDeadlines.Entry<EpollTcpSession> connecting(EpollTcpSession session) {
        ConnectDeadlines.Entry<EpollTcpSession> entry = connecting.add(session, System.nanoTime());
        armTimer();
        return entry;
    }

    void connectEnded(ConnectDeadlines.Entry<EpollTcpSession> entry) {
        connecting.remove(entry);
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
