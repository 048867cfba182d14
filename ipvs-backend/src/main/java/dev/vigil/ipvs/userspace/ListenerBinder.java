package dev.vigil.ipvs.userspace;

import dev.vigil.ipvs.IpvsError;
import dev.vigil.ipvs.IpvsResult;
import dev.vigil.ipvs.Protocol;
import dev.vigil.ipvs.ServiceKey;
import dev.vigil.linux.NetNamespace;
import io.netty.bootstrap.AbstractBootstrap;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.EventExecutor;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Binds the listeners of a service on VIP:port. With epoll, a TCP service gets one socket
 * watched by every event loop ({@link EpollTcpListener}, EPOLLEXCLUSIVE), a UDP service one
 * Netty channel per loop (SO_REUSEPORT); IP_FREEBIND on both. With NIO, one Netty channel
 * for the group. Blocks until bound; call it from a thread that is not an event loop of the group.
 * The sockets belong to the network namespace of the thread that makes them: the caller's, or
 * the one the settings name.
 */
final class ListenerBinder {

    /** Accept queue length asked of listen(2); the kernel caps it at net.core.somaxconn (4096 since 5.4). */
    private static final int BACKLOG = 4096;

    private final ForwardingContext context;
    private final EventLoopGroup group;
    private final List<EventExecutor> loops = new ArrayList<>();
    /** Per-loop state of the epoll relay, in the order of {@link #loops}; empty with NIO. */
    private final List<RelayLoop> relayLoops = new ArrayList<>();

    ListenerBinder(ForwardingContext context, EventLoopGroup group) {
        this.context = context;
        this.group = group;
        group.forEach(loops::add);
        if (context.transport().isNative()) {
            long connectTimeout = context.settings().connectTimeout().toNanos();
            for (EventExecutor loop : loops) {
                relayLoops.add(new RelayLoop((IoEventLoop) loop, connectTimeout));
            }
        }
    }

    /**
     * Binds the service's sockets into {@code service}'s listeners; a failure leaves none open.
     * With a network namespace in the settings, the sockets are made by a thread inside it.
     */
    Optional<IpvsResult> bind(ServiceState service) {
        Optional<Path> namespace = context.settings().netNamespace();
        if (namespace.isEmpty()) {
            return bindHere(service);
        }
        try {
            return NetNamespace.callIn(namespace.get(), () -> bindHere(service));
        } catch (Exception e) {
            service.listeners().close();
            return Optional.of(IpvsResult.failed(IpvsError.UNAVAILABLE, "cannot bind "
                    + hostPort((ServiceKey.Inet) service.service().key()) + " in network namespace " + namespace.get()
                    + ": " + e.getMessage()));
        }
    }

    private Optional<IpvsResult> bindHere(ServiceState service) {
        ServiceKey.Inet key = (ServiceKey.Inet) service.service().key();
        InetSocketAddress address;
        try {
            address = new InetSocketAddress(InetAddress.getByAddress(key.address().toBytes()), key.port());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4- or 16-byte address refused", e);
        }
        Listeners listeners = service.listeners();
        if (key.protocol() == Protocol.TCP && !relayLoops.isEmpty()) {
            return bindRelay(key, service, listeners);
        }
        int count = context.transport().listenersPerService(loops.size());
        for (int i = 0; i < count; i++) {
            EventLoopGroup target = count == 1 ? group : (EventLoopGroup) loops.get(i);
            AbstractBootstrap<?, ?> bootstrap = key.protocol() == Protocol.UDP
                    ? udp(target, service, listeners) : tcp(target, service);
            context.transport().listenerOptions(bootstrap);
            ChannelFuture bound = bootstrap.bind(address).awaitUninterruptibly();
            if (!bound.isSuccess()) {
                listeners.close();
                return Optional.of(IpvsResult.failed(IpvsError.UNAVAILABLE,
                        "cannot bind " + key.protocol().label() + " " + address + " (" + context.transport().name()
                                + "): " + bound.cause()));
            }
            listeners.add(bound.channel());
        }
        return Optional.empty();
    }

    private Optional<IpvsResult> bindRelay(ServiceKey.Inet key, ServiceState service, Listeners listeners) {
        try {
            listeners.add(EpollTcpListener.open(key.address(), key.port(), relayLoops, service, context));
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(IpvsResult.failed(IpvsError.UNAVAILABLE,
                    "cannot bind tcp " + hostPort(key) + " (epoll): " + e.getMessage()));
        }
    }

    /** Live epoll-relay sessions per loop (empty with NIO). */
    List<Integer> relaySessionsPerLoop() {
        return relayLoops.stream().map(RelayLoop::sessions).toList();
    }

    private static String hostPort(ServiceKey.Inet key) {
        return (key.address().isIpv4() ? key.address().toString() : "[" + key.address() + "]") + ":" + key.port();
    }

    private ServerBootstrap tcp(EventLoopGroup target, ServiceState service) {
        return new ServerBootstrap().group(target)
                .channel(context.transport().serverChannel())
                .option(ChannelOption.SO_BACKLOG, BACKLOG)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.ALLOCATOR, context.allocator())
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, context.waterMark())
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new Relay(new TcpSession(context, service), Relay.Side.CLIENT));
                    }
                });
    }

    private Bootstrap udp(EventLoopGroup target, ServiceState service, Listeners listeners) {
        return new Bootstrap().group(target)
                .channel(context.transport().datagramChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.ALLOCATOR, context.allocator())
                .handler(new UdpFrontend(context, service, listeners.associations()));
    }
}
