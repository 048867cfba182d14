package dev.vigil.healthcheck.probe;

import dev.vigil.healthcheck.CheckResult;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.netty.handler.timeout.IdleStateEvent;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * One request/response on a fresh connection: sends the request once the connection (or the
 * TLS handshake) is up, feeds every received byte to an {@link HttpResponseScanner}, and
 * completes when the server closes the connection, as keepalived reads until EOF. Silence
 * for longer than the timeout ends the exchange with {@link CheckResult.TimedOut}.
 */
final class HttpExchangeHandler extends ChannelInboundHandlerAdapter {

    private final byte[] request;
    private final boolean tls;
    private final Duration timeout;
    private final HttpResponseScanner scanner;
    private final CompletableFuture<HttpFetch> result;
    private boolean requestSent;

    HttpExchangeHandler(byte[] request, boolean tls, Duration timeout, HttpResponseScanner scanner,
                        CompletableFuture<HttpFetch> result) {
        this.request = request;
        this.tls = tls;
        this.timeout = timeout;
        this.scanner = scanner;
        this.result = result;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (!tls) {
            send(ctx);
        }
        super.channelActive(ctx);
    }

    private void send(ChannelHandlerContext ctx) {
        requestSent = true;
        ctx.writeAndFlush(Unpooled.wrappedBuffer(request)).addListener(written -> {
            if (!written.isSuccess()) {
                fail(HttpFetch.Stage.SEND, "cannot send request: " + Dialer.describe(written.cause()));
            }
        });
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof SslHandshakeCompletionEvent handshake) {
            if (handshake.isSuccess()) {
                send(ctx);
            } else if (handshake.cause() instanceof SslHandshakeTimeoutException) {
                result.complete(new HttpFetch.NotReceived(HttpFetch.Stage.TLS_HANDSHAKE,
                        new CheckResult.TimedOut("TLS handshake", timeout)));
            } else {
                fail(HttpFetch.Stage.TLS_HANDSHAKE, "TLS handshake: " + Dialer.describe(handshake.cause()));
            }
        } else if (event instanceof IdleStateEvent) {
            result.complete(new HttpFetch.NotReceived(HttpFetch.Stage.READ, new CheckResult.TimedOut("read", timeout)));
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf data) {
            try {
                byte[] bytes = ByteBufUtil.getBytes(data);
                scanner.feed(bytes, 0, bytes.length);
            } finally {
                data.release();
            }
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        result.complete(new HttpFetch.Received(scanner.finish()));
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (tls && !requestSent) {
            fail(HttpFetch.Stage.TLS_HANDSHAKE, "TLS handshake: " + Dialer.describe(cause));
        } else {
            fail(HttpFetch.Stage.READ, "read error: " + Dialer.describe(cause));
        }
        ctx.close();
    }

    private void fail(HttpFetch.Stage stage, String reason) {
        result.complete(new HttpFetch.NotReceived(stage, CheckResult.failure(reason)));
    }
}
