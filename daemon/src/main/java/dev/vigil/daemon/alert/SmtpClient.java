package dev.vigil.daemon.alert;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Delivers one rendered DATA block per call over a fresh connection, non-blocking, on an
 * {@link EventLoopGroup} it does not own. Each step (connect, every reply) has
 * {@link SmtpSettings#timeout()}, keepalived's {@code smtp_connect_timeout}. The dialogue is
 * {@link SmtpConversation}'s. No retries here: see {@link SmtpAlerter}.
 *
 * <p>Thread-safe: {@link #deliver(byte[])} may be called from any thread and returns at once.
 * The host name, if not a literal address, is resolved by Netty's default resolver.
 */
public final class SmtpClient {

    private final EventLoopGroup group;
    private final SmtpSettings settings;

    public SmtpClient(EventLoopGroup group, SmtpSettings settings) {
        this.group = Objects.requireNonNull(group, "group");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Starts delivering {@code data} (the bytes of an {@link SmtpData.Block}). The future
     * completes, on an event-loop thread, with the attempt's outcome; it never completes
     * exceptionally.
     */
    public CompletableFuture<SmtpOutcome> deliver(byte[] data) {
        CompletableFuture<SmtpOutcome> result = new CompletableFuture<>();
        int connectMillis = (int) Math.min(Integer.MAX_VALUE, settings.timeout().toMillis());
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectMillis)
                .handler(new SmtpClientHandler(settings, data, result));
        try {
            ChannelFuture connect = bootstrap.connect(settings.host(), settings.port());
            connect.addListener(done -> {
                if (!done.isSuccess()) {
                    result.complete(connectFailure(done.cause()));
                }
            });
        } catch (RuntimeException e) {
            result.complete(connectFailure(e));
        }
        return result;
    }

    private static SmtpOutcome connectFailure(Throwable cause) {
        if (cause instanceof ConnectTimeoutException) {
            return new SmtpOutcome.TimedOut(SmtpStage.CONNECT);
        }
        return new SmtpOutcome.ConnectionFailed(SmtpStage.CONNECT, String.valueOf(cause));
    }
}
