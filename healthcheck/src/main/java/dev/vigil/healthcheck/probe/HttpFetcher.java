package dev.vigil.healthcheck.probe;

import dev.vigil.healthcheck.CheckResult;
import dev.vigil.healthcheck.ConnectOptions;
import dev.vigil.healthcheck.TlsSettings;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * Sends one request over a fresh connection (TLS when configured) and reads the response
 * to its end, with the connect timeout bounding the connection, the handshake and every
 * wait for data ({@link HttpExchangeHandler}). Used by {@link HttpProbe} and by genhash.
 */
public final class HttpFetcher {

    private final CheckTransport transport;
    private final ConnectOptions connect;
    private final Optional<TlsContexts.Built> tls;

    /** A fetcher for plain HTTP, or for HTTPS when {@code tls} is present. */
    public HttpFetcher(CheckTransport transport, ConnectOptions connect, Optional<TlsSettings> tls) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.connect = Objects.requireNonNull(connect, "connect");
        this.tls = tls.map(TlsContexts::build);
    }

    public ConnectOptions connect() {
        return connect;
    }

    /**
     * Sends {@code request} and scans the response, hashing its body and keeping up to
     * {@code keepBodyBytes} of it. {@code sniName} is sent in the TLS handshake when present
     * and a valid host name. Cancelling the future closes the connection.
     */
    public CompletableFuture<HttpFetch> fetch(byte[] request, Optional<String> sniName, int keepBodyBytes) {
        return fetch(Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(request)), sniName, keepBodyBytes, true);
    }

    /**
     * Sends {@code request}, an unreleasable buffer (a duplicate of it is written, so a probe
     * keeps one buffer for all its attempts), and scans the response, keeping up to {@code keepBodyBytes} of the body
     * and hashing it when {@code digest} is set.
     */
    CompletableFuture<HttpFetch> fetch(ByteBuf request, Optional<String> sniName, int keepBodyBytes, boolean digest) {
        CompletableFuture<HttpFetch> result = new CompletableFuture<>();
        Optional<SslContext> context = tls.flatMap(TlsContexts.Built::context);
        if (tls.isPresent() && context.isEmpty()) {
            result.complete(new HttpFetch.NotReceived(HttpFetch.Stage.SETUP, CheckResult.failure(tls.get().problem())));
            return result;
        }
        HttpResponseScanner scanner = new HttpResponseScanner(keepBodyBytes, digest);
        // The exchange handler times the connect itself (one timer per exchange, not two).
        ChannelFuture connecting = Dialer.dial(transport, connect, false, channel -> {
            ChannelPipeline pipeline = channel.pipeline();
            context.ifPresent(ssl -> pipeline.addLast(tlsHandler(ssl, channel, sniName)));
            pipeline.addLast(new HttpExchangeHandler(request, context.isPresent(),
                    connect.connectTimeout(), scanner, result));
        });
        connecting.addListener(done -> {
            if (!done.isSuccess()) {
                result.complete(new HttpFetch.NotReceived(HttpFetch.Stage.CONNECT,
                        Dialer.connectFailure(done.cause(), connect)));
            }
        });
        result.whenComplete((value, error) -> {
            connecting.cancel(false);
            connecting.channel().close();
        });
        return result;
    }

    private SslHandler tlsHandler(SslContext context, Channel channel, Optional<String> sniName) {
        SslHandler handler = context.newHandler(channel.alloc());
        Optional<SNIHostName> serverName = sniName.flatMap(HttpFetcher::serverName);
        if (serverName.isPresent()) {
            SSLEngine engine = handler.engine();
            SSLParameters parameters = engine.getSSLParameters();
            parameters.setServerNames(List.of(serverName.get()));
            engine.setSSLParameters(parameters);
        }
        handler.setHandshakeTimeoutMillis(Dialer.timeoutMillis(connect));
        return handler;
    }

    private static Optional<SNIHostName> serverName(String name) {
        try {
            return Optional.of(new SNIHostName(name));
        } catch (IllegalArgumentException notAHostName) {
            return Optional.empty();
        }
    }
}
