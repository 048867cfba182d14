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
import io.netty.channel.socket.SocketChannel;
import java.io.IOException;
import java.net.ConnectException;
import java.net.PortUnreachableException;
import java.util.Optional;
import java.util.function.Consumer;

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
        return dial(transport, options, true, channel -> channel.pipeline().addLast(handler));
    }

    /**
     * Connects a TCP channel to {@code options.target()}; {@code pipeline} adds the handlers to
     * the new, not yet registered channel. What a Bootstrap would do, without building one per
     * connection: no option maps, no reflective channel factory, no ChannelInitializer.
     *
     * @param connectTimer whether Netty times the connect (CONNECT_TIMEOUT_MILLIS); false when
     *                     a handler does (its timeout must then complete the attempt)
     */
    static ChannelFuture dial(CheckTransport transport, ConnectOptions options, boolean connectTimer,
                              Consumer<Channel> pipeline) {
        SocketChannel channel = transport.newSocketChannel();
        channel.config().setConnectTimeoutMillis(connectTimer ? timeoutMillis(options) : 0);
        if (options.bindTo().isPresent()) {
            channel.config().setOption(ChannelOption.SO_REUSEADDR, true);
        }
        pipeline.accept(channel);
        return connect(transport.group().register(channel), transport, options);
    }

    /** Registers the bootstrap's channel, sets the socket options, then connects it. */
    static ChannelFuture open(Bootstrap bootstrap, CheckTransport transport, ConnectOptions options) {
        return connect(bootstrap.register(), transport, options);
    }

    /** Once {@code registered}, sets the socket options, then connects. */
    private static ChannelFuture connect(ChannelFuture registered, CheckTransport transport, ConnectOptions options) {
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
