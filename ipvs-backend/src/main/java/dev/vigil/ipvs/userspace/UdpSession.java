package dev.vigil.ipvs.userspace;

import dev.vigil.ipvs.Protocol;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.Map;

/**
 * One UDP client association: datagrams from {@code client} to the VIP go out on a socket
 * connected to the chosen real server; that socket's replies go back to the client from the
 * listener that received the first datagram (so their source is VIP:port). Both sockets
 * share one event loop. A datagram that finds its socket's buffer full is dropped, as a
 * congested router would drop it: nothing queues without bound.
 */
final class UdpSession extends Session {

    private final ForwardingContext context;
    private final Channel listener;
    private final InetSocketAddress client;
    private final Map<InetSocketAddress, UdpSession> associations;
    private volatile Channel upstream;
    private ChannelFuture connecting;

    UdpSession(ForwardingContext context, Channel listener, InetSocketAddress client,
               Map<InetSocketAddress, UdpSession> associations) {
        super(Protocol.UDP);
        this.context = context;
        this.listener = listener;
        this.client = client;
        this.associations = associations;
    }

    /** Opens the connected socket towards the real server; runs on the listener's loop. */
    void start() {
        Bootstrap bootstrap = new Bootstrap().group(listener.eventLoop())
                .channel(context.transport().datagramChannel())
                .option(ChannelOption.ALLOCATOR, context.allocator())
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, context.waterMark())
                .handler(new Replies());
        connecting = bootstrap.connect(booking().target());
        upstream = connecting.channel();
        connecting.addListener(done -> {
            if (!done.isSuccess()) {
                close();
            }
        });
    }

    /** A datagram from the client (the buffer is this method's to release). */
    void fromClient(ByteBuf payload) {
        Channel out = upstream;
        if (!connecting.isDone()) {
            connecting.addListener(done -> send(out, payload));
            return;
        }
        send(out, payload);
    }

    private void send(Channel out, ByteBuf payload) {
        if (!out.isActive() || !out.isWritable()) {
            payload.release();
            return;
        }
        countIn(payload.readableBytes());
        out.writeAndFlush(payload, out.voidPromise());
    }

    @Override
    long pendingWriteBytes() {
        return 0;
    }

    @Override
    void close() {
        associations.remove(client, this);
        Channel out = upstream;
        if (out != null) {
            out.close();
        }
        context.state().closed(this);
    }

    /** Datagrams from the real server, relayed to the client through the listener. */
    private final class Replies extends SimpleChannelInboundHandler<DatagramPacket> {

        Replies() {
            super(false);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            ByteBuf payload = packet.content();
            if (!listener.isActive() || !listener.isWritable()) {
                payload.release();
                return;
            }
            countOut(payload.readableBytes());
            listener.write(new DatagramPacket(payload, client), listener.voidPromise());
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            listener.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // ICMP errors (port unreachable) surface here on a connected socket; the
            // association stays until its idle timeout, as an IPVS entry would.
        }
    }
}
