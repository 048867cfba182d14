package dev.vigil.healthcheck.probe;

import dev.vigil.healthcheck.CheckResult;
import dev.vigil.healthcheck.ConnectOptions;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.channel.ConnectTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.PortUnreachableException;
import java.util.Optional;

/**
 * Opens the connection of one attempt (TCP, or connected UDP) with the socket options of
 * {@link ConnectOptions}, and names what went wrong when it fails. The channel is registered
 * first, its options set (a failure to set SO_BINDTODEVICE or SO_MARK fails the attempt
 * instead of being logged and ignored as Bootstrap would), then connected.
 */
final class Dialer {

    private Dialer() {
    }

    /** Connects a TCP channel to {@code options.target()} with {@code handler} as its handler. */
    static ChannelFuture dial(CheckTransport transport, ConnectOptions options, ChannelHandler handler) {
        Bootstrap bootstrap = new Bootstrap()
                .group(transport.group())
                .channel(transport.socketChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, timeoutMillis(options))
                .option(ChannelOption.SO_REUSEADDR, options.bindTo().isPresent())
                .handler(handler);
        return open(bootstrap, transport, options);
    }

    /** Registers the bootstrap's channel, sets the socket options, then connects it. */
    static ChannelFuture open(Bootstrap bootstrap, CheckTransport transport, ConnectOptions options) {
        ChannelFuture registered = bootstrap.register();
        Channel channel = registered.channel();
        ChannelPromise connected = channel.newPromise();
        registered.addListener(done -> {
            if (!done.isSuccess()) {
                connected.tryFailure(done.cause());
                return;
            }
            Optional<String> problem = SocketOptions.set(channel, transport, options);
            if (problem.isPresent()) {
                channel.close();
                connected.tryFailure(new SocketOptionException(problem.get()));
            } else if (options.bindTo().isPresent()) {
                channel.connect(options.target(), options.bindTo().get(), connected);
            } else {
                channel.connect(options.target(), connected);
            }
        });
        return connected;
    }

    /** A socket option the attempt needs could not be set. */
    static final class SocketOptionException extends IOException {
        private static final long serialVersionUID = 1L;

        SocketOptionException(String message) {
            super(message);
        }
    }

    static int timeoutMillis(ConnectOptions options) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, options.connectTimeout().toMillis()));
    }

    /** The result of a connection that could not be made. */
    static CheckResult connectFailure(Throwable cause, ConnectOptions options) {
        if (cause instanceof ConnectTimeoutException) {
            return new CheckResult.TimedOut("connect", options.connectTimeout());
        }
        if (cause instanceof SocketOptionException) {
            return new CheckResult.Failure(cause.getMessage());
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
