package dev.vigil.ipvs.userspace;

import io.netty.bootstrap.AbstractBootstrap;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.Optional;

/**
 * The socket implementation the forwarder runs on: Linux epoll (native) when Netty's probe
 * says it works, else the JDK's NIO. Only epoll offers what a director needs for its
 * listeners: {@code IP_FREEBIND} (bind a VIP before this node holds it, so a new master
 * serves as soon as ARP points at it), one TCP listener watched by every loop
 * ({@link EpollTcpListener}) and {@code SO_REUSEPORT} for UDP (one socket per event loop,
 * the kernel spreading datagrams across them).
 */
record Transport(String name, boolean isNative, IoHandlerFactory ioHandlerFactory,
                 Class<? extends ServerChannel> serverChannel, Class<? extends SocketChannel> socketChannel,
                 Class<? extends DatagramChannel> datagramChannel, Optional<String> fallbackReason) {

    static Transport select(boolean preferNative) {
        if (preferNative && Epoll.isAvailable()) {
            return new Transport("epoll", true, EpollIoHandler.newFactory(), EpollServerSocketChannel.class,
                    EpollSocketChannel.class, EpollDatagramChannel.class, Optional.empty());
        }
        String reason = !preferNative ? "native transport not wanted"
                : String.valueOf(Epoll.unavailabilityCause());
        return new Transport("nio", false, NioIoHandler.newFactory(), NioServerSocketChannel.class,
                NioSocketChannel.class, NioDatagramChannel.class, Optional.of(reason));
    }

    /** Netty listener channels per service: one per event loop with SO_REUSEPORT, else one. */
    int listenersPerService(int eventLoops) {
        return isNative ? eventLoops : 1;
    }

    /** SO_REUSEPORT and IP_FREEBIND on a listener, where the transport has them. */
    void listenerOptions(AbstractBootstrap<?, ?> bootstrap) {
        if (isNative) {
            bootstrap.option(EpollChannelOption.SO_REUSEPORT, true);
            bootstrap.option(EpollChannelOption.IP_FREEBIND, true);
        }
    }
}
