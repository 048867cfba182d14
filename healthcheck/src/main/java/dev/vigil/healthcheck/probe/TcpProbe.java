package dev.vigil.healthcheck.probe;

import dev.vigil.healthcheck.CheckResult;
import dev.vigil.healthcheck.ConnectOptions;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * TCP_CHECK: the attempt succeeds when the connection is established within the connect
 * timeout; the connection is then closed at once (check_tcp.c).
 */
public final class TcpProbe implements Probe {

    private final CheckTransport transport;
    private final ConnectOptions connect;

    public TcpProbe(CheckTransport transport, ConnectOptions connect) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.connect = Objects.requireNonNull(connect, "connect");
    }

    @Override
    public CompletableFuture<CheckResult> attempt() {
        CompletableFuture<CheckResult> result = new CompletableFuture<>();
        ChannelFuture connecting = Dialer.dial(transport, connect, new ChannelInboundHandlerAdapter());
        connecting.addListener(done -> {
            if (done.isSuccess()) {
                connecting.channel().close();
                result.complete(CheckResult.success("connected to " + connect.target()));
            } else {
                result.complete(Dialer.connectFailure(done.cause(), connect));
            }
        });
        result.whenComplete((value, error) -> {
            if (error != null) {
                connecting.cancel(false);
                connecting.channel().close();
            }
        });
        return result;
    }
}
