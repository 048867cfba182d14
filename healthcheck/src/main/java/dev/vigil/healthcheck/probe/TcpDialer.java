package dev.vigil.healthcheck.probe;

import dev.vigil.healthcheck.CheckResult;
import dev.vigil.healthcheck.ConnectOptions;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import java.net.ConnectException;
import java.net.PortUnreachableException;

/** Opens the TCP connection of one attempt and names what went wrong when it fails. */
final class TcpDialer {

    private TcpDialer() {
    }

    /** Connects to {@code options.target()} with {@code handler} as the channel's handler. */
    static ChannelFuture dial(CheckTransport transport, ConnectOptions options, ChannelHandler handler) {
        Bootstrap bootstrap = new Bootstrap()
                .group(transport.group())
                .channel(transport.socketChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, timeoutMillis(options))
                .option(ChannelOption.SO_REUSEADDR, options.bindTo().isPresent())
                .handler(handler);
        return options.bindTo().isPresent()
                ? bootstrap.connect(options.target(), options.bindTo().get())
                : bootstrap.connect(options.target());
    }

    static int timeoutMillis(ConnectOptions options) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, options.connectTimeout().toMillis()));
    }

    /** The result of a connection that could not be made. */
    static CheckResult connectFailure(Throwable cause, ConnectOptions options) {
        if (cause instanceof ConnectTimeoutException) {
            return new CheckResult.TimedOut("connect", options.connectTimeout());
        }
        return new CheckResult.Failure("connect to " + options.target() + ": " + describe(cause));
    }

    /** A short text for an I/O error, for logs. */
    static String describe(Throwable cause) {
        if (cause instanceof ConnectException || cause instanceof PortUnreachableException) {
            return "refused (" + cause.getMessage() + ")";
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
