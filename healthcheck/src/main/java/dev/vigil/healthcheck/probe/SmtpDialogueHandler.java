package dev.vigil.healthcheck.probe;

import dev.vigil.healthcheck.CheckResult;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * keepalived's SMTP_CHECK dialogue (check_smtp.c {@code smtp_engine_thread()}): wait for a
 * 220 banner, send {@code HELO <name>}, wait for 250, send {@code QUIT}, and succeed on any
 * line that follows. Each read starts with an empty buffer and takes one line; bytes after
 * that line's LF in the same read are dropped, as keepalived does.
 */
final class SmtpDialogueHandler extends ChannelInboundHandlerAdapter {

    private enum Step { BANNER, HELO_REPLY, QUIT_REPLY }

    private final String heloName;
    private final Duration timeout;
    private final CompletableFuture<CheckResult> result;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(SmtpReply.MAX_LINE_BYTES);
    private Step step = Step.BANNER;

    SmtpDialogueHandler(String heloName, Duration timeout, CompletableFuture<CheckResult> result) {
        this.heloName = heloName;
        this.timeout = timeout;
        this.result = result;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf data)) {
            return;
        }
        try {
            while (data.isReadable() && !result.isDone()) {
                byte b = data.readByte();
                if (b == '\n') {
                    String text = line.toString(StandardCharsets.ISO_8859_1);
                    line.reset();
                    onLine(ctx, text);
                    return;
                }
                if (line.size() == SmtpReply.MAX_LINE_BYTES) {
                    line.reset();
                }
                line.write(b);
            }
        } finally {
            data.release();
        }
    }

    private void onLine(ChannelHandlerContext ctx, String text) {
        int status = SmtpReply.status(text);
        switch (step) {
            case BANNER -> expect(ctx, status, 220, "bad greeting banner", "HELO " + heloName + "\r\n", Step.HELO_REPLY, text);
            case HELO_REPLY -> expect(ctx, status, 250, "bad HELO response", "QUIT\r\n", Step.QUIT_REPLY, text);
            case QUIT_REPLY -> result.complete(CheckResult.success("SMTP dialogue completed"));
        }
    }

    private void expect(ChannelHandlerContext ctx, int status, int wanted, String problem, String next,
                        Step nextStep, String text) {
        if (status != wanted) {
            result.complete(CheckResult.failure(problem + ": " + text.strip()));
            return;
        }
        step = nextStep;
        ctx.writeAndFlush(Unpooled.copiedBuffer(next, StandardCharsets.ISO_8859_1)).addListener(written -> {
            if (!written.isSuccess()) {
                result.complete(CheckResult.failure("write failure: " + Dialer.describe(written.cause())));
            }
        });
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent) {
            result.complete(new CheckResult.TimedOut("read", timeout));
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        result.complete(CheckResult.failure("connection closed while waiting for " + step));
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        result.complete(CheckResult.failure("read failure: " + Dialer.describe(cause)));
        ctx.close();
    }
}
