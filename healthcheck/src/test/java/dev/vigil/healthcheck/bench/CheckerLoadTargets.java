package dev.vigil.healthcheck.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's real servers: {@code CheckerLoadTargets COUNT tcp|http} listens on
 * {@code COUNT} loopback endpoints ({@link LoadTarget}) in this process, so their cost is
 * not charged to the checkers. In {@code tcp} mode a connection is accepted and closed; in
 * {@code http} mode the first bytes received are answered with a 200 response and the
 * connection is closed. Prints {@code ready COUNT} when every endpoint listens, then serves
 * until stdin closes.
 */
public final class CheckerLoadTargets {

    /** Room for a burst of connections per endpoint while the single loop is busy. */
    private static final int BACKLOG = 128;
    private static final byte[] RESPONSE = "HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nok\n"
            .getBytes(StandardCharsets.US_ASCII);

    private CheckerLoadTargets() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !List.of("tcp", "http").contains(args[1])) {
            System.err.println("usage: CheckerLoadTargets COUNT tcp|http");
            System.exit(2);
        }
        int count = Integer.parseInt(args[0]);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        ServerBootstrap bootstrap = new ServerBootstrap().group(group).channel(EpollServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, BACKLOG)
                .childHandler(args[1].equals("http") ? new HttpAnswer() : new CloseAtOnce());
        List<Channel> listeners = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            listeners.add(bootstrap.bind(new LoadTarget(i).address()).sync().channel());
        }
        System.out.println("ready " + listeners.size());
        System.out.flush();
        while (System.in.read() >= 0) {
            Thread.onSpinWait();
        }
        group.shutdownGracefully().sync();
    }

    /** TCP_CHECK only needs the handshake; closing at once keeps the accept queue empty. */
    @ChannelHandler.Sharable
    private static final class CloseAtOnce extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.close();
        }
    }

    /** Answers the request (one write from the checker) with 200 and closes. */
    @ChannelHandler.Sharable
    private static final class HttpAnswer extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
            if (ctx.channel().isActive()) {
                ctx.writeAndFlush(Unpooled.wrappedBuffer(RESPONSE)).addListener(ChannelFutureListener.CLOSE);
                ctx.channel().config().setAutoRead(false);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
