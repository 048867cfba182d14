package dev.vigil.healthcheck.probe;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The event-loop group every network probe shares, with the channel classes that go with
 * it: native epoll when {@link Epoll#isAvailable()}, else the JDK's NIO; and the ICMP
 * sockets PING_CHECK shares ({@link EchoEndpoints}, opened on first use).
 *
 * <p>Lifecycle: create once, hand to probes, {@link #close()} at shutdown (after which
 * probes fail to connect).
 */
public final class CheckTransport implements AutoCloseable {

    /** How long close() lets in-flight attempts finish before the loops stop. */
    private static final long SHUTDOWN_TIMEOUT_MILLIS = 2_000;

    private final EventLoopGroup group;
    private final boolean epoll;
    private final EchoEndpoints echoes = new EchoEndpoints();

    private CheckTransport(EventLoopGroup group, boolean epoll) {
        this.group = group;
        this.epoll = epoll;
    }

    /** A group of {@code threads} loops, epoll when available. */
    public static CheckTransport create(int threads) {
        return create(threads, Epoll.isAvailable());
    }

    /** A group of {@code threads} loops; {@code useEpoll} must only be true when epoll is available. */
    public static CheckTransport create(int threads, boolean useEpoll) {
        if (useEpoll && !Epoll.isAvailable()) {
            throw new IllegalStateException("epoll unavailable", Epoll.unavailabilityCause());
        }
        IoHandlerFactory factory = useEpoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        // Named, and started now rather than at their first channel, so that the daemon can
        // find and schedule them (checker_priority, checker_rt_priority, checker_cpu_affinity).
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("vigil-check"),
                factory);
        for (EventExecutor loop : group) {
            loop.submit(() -> { }).syncUninterruptibly();
        }
        return new CheckTransport(group, useEpoll);
    }

    public EventLoopGroup group() {
        return group;
    }

    public boolean isEpoll() {
        return epoll;
    }

    /** A new, unregistered TCP channel of this transport's kind. */
    SocketChannel newSocketChannel() {
        return epoll ? new EpollSocketChannel() : new NioSocketChannel();
    }

    public Class<? extends SocketChannel> socketChannel() {
        return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    public Class<? extends DatagramChannel> datagramChannel() {
        return epoll ? EpollDatagramChannel.class : NioDatagramChannel.class;
    }

    /** The ICMP endpoints of PING_CHECK. */
    EchoEndpoints echoes() {
        return echoes;
    }

    @Override
    public void close() {
        echoes.close();
        group.shutdownGracefully(0, SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                .awaitUninterruptibly(2 * SHUTDOWN_TIMEOUT_MILLIS);
    }
}
