package dev.vigil.healthcheck.probe;

import dev.vigil.healthcheck.CheckResult;
import dev.vigil.healthcheck.ConnectOptions;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * SMTP_CHECK: the dialogue of {@link SmtpDialogueHandler} on a fresh connection; the connect
 * timeout also bounds every wait for a reply line.
 */
public final class SmtpProbe implements Probe {

    private final CheckTransport transport;
    private final ConnectOptions connect;
    private final String heloName;

    public SmtpProbe(CheckTransport transport, ConnectOptions connect, String heloName) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.connect = Objects.requireNonNull(connect, "connect");
        this.heloName = Objects.requireNonNull(heloName, "heloName");
    }

    @Override
    public CompletableFuture<CheckResult> attempt() {
        CompletableFuture<CheckResult> result = new CompletableFuture<>();
        ChannelFuture connecting = Dialer.dial(transport, connect, new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel channel) {
                channel.pipeline()
                        .addLast(new IdleStateHandler(connect.connectTimeout().toNanos(), 0, 0, TimeUnit.NANOSECONDS))
                        .addLast(new SmtpDialogueHandler(heloName, connect.connectTimeout(), result));
            }
        });
        connecting.addListener(done -> {
            if (!done.isSuccess()) {
                result.complete(Dialer.connectFailure(done.cause(), connect));
            }
        });
        result.whenComplete((value, error) -> {
            connecting.cancel(false);
            connecting.channel().close();
        });
        return result;
    }
}
