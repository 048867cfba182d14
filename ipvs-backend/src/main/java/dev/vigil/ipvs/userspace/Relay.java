package dev.vigil.ipvs.userspace;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;

/**
 * The pipeline end of one side of a {@link TcpSession}: hands every event of its channel
 * to the session, naming the side it came from.
 */
final class Relay extends ChannelInboundHandlerAdapter {

    /** Which connection of the pair a channel is. */
    enum Side {
        /** The accepted connection from the client. */
        CLIENT,
        /** The forwarder's connection to the real server. */
        SERVER
    }

    private final TcpSession session;
    private final Side side;

    Relay(TcpSession session, Side side) {
        this.session = session;
        this.side = side;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (side == Side.CLIENT) {
            session.accepted(ctx.channel());
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        session.forward(side, (ByteBuf) msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        session.flushTowardsPeer(side);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        session.writabilityChanged(side);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            session.inputShutdown(side);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        session.inactive(side);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        session.failed(side, cause);
    }
}
