package dev.vigil.daemon.alert;

import dev.vigil.daemon.alert.SmtpStep.Finish;
import dev.vigil.daemon.alert.SmtpStep.Send;
import dev.vigil.daemon.alert.SmtpStep.StartTls;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * Runs one {@link SmtpConversation} over a connected channel: feeds it the replies, arms the
 * per-step timeout after every write (as keepalived re-arms its read timeout after each send),
 * performs its steps, and completes {@code result} exactly once. All methods run on the
 * channel's event loop.
 */
final class SmtpClientHandler extends ChannelInboundHandlerAdapter {

    private final SmtpSettings settings;
    private final SmtpConversation conversation;
    private final SmtpReplyReader reader = new SmtpReplyReader();
    private final CompletableFuture<SmtpOutcome> result;
    private final long timeoutNanos;
    /** Guarded by the event loop, like every field here. */
    private ScheduledFuture<?> timeout;
    private boolean finished;

    SmtpClientHandler(SmtpSettings settings, byte[] data, CompletableFuture<SmtpOutcome> result) {
        this.settings = settings;
        this.conversation = new SmtpConversation(settings, data);
        this.result = result;
        this.timeoutNanos = settings.timeout().toNanos();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        armTimeout(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (finished || !(msg instanceof ByteBuf buffer)) {
                return;
            }
            byte[] bytes = new byte[buffer.readableBytes()];
            buffer.readBytes(bytes);
            SmtpReplyReader.Result read = reader.feed(bytes, 0, bytes.length);
            for (SmtpReply reply : read.replies()) {
                if (finished) {
                    return;
                }
                perform(ctx, conversation.onReply(reply));
            }
            if (read.overflow() && !finished) {
                perform(ctx, conversation.onReplyTooLong());
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        complete(ctx, conversation.onClosed("connection closed by the server"));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        complete(ctx, conversation.onClosed(String.valueOf(cause)));
    }

    private void perform(ChannelHandlerContext ctx, SmtpStep step) {
        cancelTimeout();
        switch (step) {
            case Send send -> {
                ctx.writeAndFlush(Unpooled.wrappedBuffer(send.bytes()));
                armTimeout(ctx);
            }
            case StartTls ignored -> startTls(ctx);
            case Finish finish -> complete(ctx, finish.outcome());
        }
    }

    private void startTls(ChannelHandlerContext ctx) {
        SSLEngine engine;
        try {
            SSLContext context = settings.extensions().tlsContext().orElse(SSLContext.getDefault());
            engine = context.createSSLEngine(settings.host(), settings.port());
        } catch (NoSuchAlgorithmException | RuntimeException e) {
            complete(ctx, new SmtpOutcome.ConnectionFailed(SmtpStage.TLS_HANDSHAKE, String.valueOf(e)));
            return;
        }
        engine.setUseClientMode(true);
        SSLParameters parameters = engine.getSSLParameters();
        // RFC 3207 section 4.1 leaves the check to the client; verify the name as HTTPS does.
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(parameters);
        SslHandler tls = new SslHandler(engine);
        tls.setHandshakeTimeout(timeoutNanos, TimeUnit.NANOSECONDS);
        ctx.pipeline().addFirst(tls);
        tls.handshakeFuture().addListener(done -> {
            if (finished) {
                return;
            }
            if (done.isSuccess()) {
                perform(ctx, conversation.onTlsEstablished());
            } else {
                complete(ctx, new SmtpOutcome.ConnectionFailed(SmtpStage.TLS_HANDSHAKE, String.valueOf(done.cause())));
            }
        });
    }

    private void armTimeout(ChannelHandlerContext ctx) {
        cancelTimeout();
        timeout = ctx.executor().schedule(() -> {
            if (!finished) {
                perform(ctx, conversation.onTimeout());
            }
        }, timeoutNanos, TimeUnit.NANOSECONDS);
    }

    private void cancelTimeout() {
        if (timeout != null) {
            timeout.cancel(false);
            timeout = null;
        }
    }

    private void complete(ChannelHandlerContext ctx, SmtpOutcome outcome) {
        if (finished) {
            return;
        }
        finished = true;
        cancelTimeout();
        ctx.close();
        result.complete(outcome);
    }
}
