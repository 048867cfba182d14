package dev.vigil.healthcheck.probe;

import dev.vigil.healthcheck.CheckResult;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One request/response on a fresh connection: sends the request once the connection (or the
 * TLS handshake) is up, feeds every received byte to an {@link HttpResponseScanner}, and
 * completes when the server closes the connection, as keepalived reads until EOF.
 *
 * <p>Timeouts, all of the connect timeout, on one timer per exchange (set when the channel is
 * registered, so the dial needs no connect timer of its own): the connection must be up
 * within it ({@code TimedOut("connect")}); the TLS handshake is bounded by the SslHandler;
 * after that, silence for longer than it ends the exchange ({@code TimedOut("read")}). The
 * timer is moved lazily: a read only notes the time, and the task reschedules itself when it
 * fires early, so a normal exchange schedules one task and cancels it.
 */
final class HttpExchangeHandler extends ChannelInboundHandlerAdapter {

    /** Where the exchange is, for what a timeout means. */
    private enum Phase { CONNECTING, HANDSHAKING, EXCHANGING }

    private final ByteBuf request;
    private final boolean tls;
    private final Duration timeout;
    private final long timeoutNanos;
    private final HttpResponseScanner scanner;
    private final CompletableFuture<HttpFetch> result;
    private boolean requestSent;
    /** Confined to the channel's event loop, like the fields below. */
    private Phase phase = Phase.CONNECTING;
    private long deadlineNanos;
    private ScheduledFuture<?> timer;

    /** {@code request} is not released: a duplicate of it is written. */
    HttpExchangeHandler(ByteBuf request, boolean tls, Duration timeout, HttpResponseScanner scanner,
                        CompletableFuture<HttpFetch> result) {
        this.request = request;
        this.tls = tls;
        this.timeout = timeout;
        this.timeoutNanos = timeout.toNanos();
        this.scanner = scanner;
        this.result = result;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        deadlineNanos = System.nanoTime() + timeoutNanos;
        timer = ctx.executor().schedule(() -> expire(ctx), timeoutNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private void expire(ChannelHandlerContext ctx) {
        long remaining = deadlineNanos - System.nanoTime();
        if (phase == Phase.HANDSHAKING || remaining > 0) {
            timer = ctx.executor().schedule(() -> expire(ctx), Math.max(remaining, timeoutNanos / 4),
                    TimeUnit.NANOSECONDS);
            return;
        }
        result.complete(phase == Phase.CONNECTING
                ? new HttpFetch.NotReceived(HttpFetch.Stage.CONNECT, new CheckResult.TimedOut("connect", timeout))
                : new HttpFetch.NotReceived(HttpFetch.Stage.READ, new CheckResult.TimedOut("read", timeout)));
        ctx.close();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (tls) {
            phase = Phase.HANDSHAKING;
        } else {
            exchanging();
            send(ctx);
        }
        super.channelActive(ctx);
    }

    private void exchanging() {
        phase = Phase.EXCHANGING;
        deadlineNanos = System.nanoTime() + timeoutNanos;
    }

    private void send(ChannelHandlerContext ctx) {
        requestSent = true;
        ctx.writeAndFlush(request.retainedDuplicate()).addListener(written -> {
            if (!written.isSuccess()) {
                fail(HttpFetch.Stage.SEND, "cannot send request: " + Dialer.describe(written.cause()));
            }
        });
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof SslHandshakeCompletionEvent handshake) {
            if (handshake.isSuccess()) {
                exchanging();
                send(ctx);
            } else if (handshake.cause() instanceof SslHandshakeTimeoutException) {
                result.complete(new HttpFetch.NotReceived(HttpFetch.Stage.TLS_HANDSHAKE,
                        new CheckResult.TimedOut("TLS handshake", timeout)));
            } else {
                fail(HttpFetch.Stage.TLS_HANDSHAKE, "TLS handshake: " + Dialer.describe(handshake.cause()));
            }
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf data) {
            deadlineNanos = System.nanoTime() + timeoutNanos;
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
