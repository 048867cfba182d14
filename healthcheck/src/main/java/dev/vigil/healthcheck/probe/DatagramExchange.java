package dev.vigil.healthcheck.probe;

import dev.vigil.healthcheck.CheckResult;
import dev.vigil.healthcheck.ConnectOptions;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import java.net.PortUnreachableException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One datagram out, replies in, on a connected UDP socket (as keepalived's
 * {@code udp_bind_connect()} uses), so the kernel reports an ICMP port unreachable as an
 * error on the socket. The exchange ends when the judge accepts or rejects a reply, on an
 * ICMP error (failure), or when the connect timeout passes ({@link Judge#onSilence()}).
 */
final class DatagramExchange {

    /** Decides about replies; implementations are pure. */
    interface Judge {
        /** The verdict on a reply, or empty to ignore it and keep waiting. */
        Optional<CheckResult> onReply(byte[] reply);

        /** The verdict when nothing decisive came within the timeout. */
        CheckResult onSilence();
    }

    private DatagramExchange() {
    }

    static CompletableFuture<CheckResult> run(CheckTransport transport, ConnectOptions connect,
                                              byte[] request, Judge judge) {
        CompletableFuture<CheckResult> result = new CompletableFuture<>();
        Bootstrap bootstrap = new Bootstrap()
                .group(transport.group())
                .channel(transport.datagramChannel())
                .handler(new Handler(request, judge, result));
        ChannelFuture connecting = Dialer.open(bootstrap, transport, connect);
        // The deadline runs from the dial, not from channelActive, so an exchange always ends
        // even when the channel never becomes active (keepalived's timer also starts with
        // the check).
        ScheduledFuture<?> deadline = transport.group().next().schedule(
                () -> result.complete(judge.onSilence()), connect.connectTimeout().toNanos(), TimeUnit.NANOSECONDS);
        result.whenComplete((value, error) -> deadline.cancel(false));
        connecting.addListener(done -> {
            if (!done.isSuccess()) {
                result.complete(done.cause() instanceof Dialer.SocketOptionException
                        ? CheckResult.failure(done.cause().getMessage())
                        : CheckResult.failure("UDP connect to " + connect.target() + ": " + Dialer.describe(done.cause())));
            }
        });
        result.whenComplete((value, error) -> closeLater(connecting.channel()));
        return result;
    }

    /**
     * Closes the channel once its loop is done with the current events. A verdict is mostly
     * reached inside channelRead, and Netty's epoll datagram read loop goes on to read the
     * same descriptor again (up to maxMessagesPerRead) without checking that it is still
     * open: closed there, its number could already belong to a socket another thread just
     * opened, and the loop would read, or block forever, on that one.
     */
    private static void closeLater(Channel channel) {
        if (channel.isRegistered()) {
            channel.eventLoop().execute(channel::close);
        } else {
            channel.close();
        }
    }

    private static final class Handler extends ChannelInboundHandlerAdapter {
        private final byte[] request;
        private final Judge judge;
        private final CompletableFuture<CheckResult> result;

        Handler(byte[] request, Judge judge, CompletableFuture<CheckResult> result) {
            this.request = request;
            this.judge = judge;
            this.result = result;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(request)).addListener(sent -> {
                if (!sent.isSuccess()) {
                    result.complete(failureOf(sent.cause()));
                }
            });
            super.channelActive(ctx);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                ByteBuf content = msg instanceof DatagramPacket packet ? packet.content()
                        : msg instanceof ByteBuf buf ? buf : null;
                if (content != null && !result.isDone()) {
                    judge.onReply(ByteBufUtil.getBytes(content)).ifPresent(result::complete);
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            result.complete(failureOf(cause));
        }

        private static CheckResult failureOf(Throwable cause) {
            if (cause instanceof PortUnreachableException) {
                return CheckResult.failure("ICMP port unreachable");
            }
            return CheckResult.failure("UDP error: " + Dialer.describe(cause));
        }
    }
}
