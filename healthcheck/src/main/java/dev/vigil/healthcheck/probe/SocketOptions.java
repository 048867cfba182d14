package dev.vigil.healthcheck.probe;

import dev.vigil.healthcheck.ConnectOptions;
import io.netty.channel.Channel;
import io.netty.channel.ChannelException;
import io.netty.channel.unix.IntegerUnixChannelOption;
import io.netty.channel.unix.RawUnixChannelOption;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The Linux socket options behind {@code bind_if} (SO_BINDTODEVICE) and {@code fwmark}
 * (SO_MARK). Netty sets them only on its native epoll channels, so with the NIO transport a
 * checker that needs them cannot run.
 */
final class SocketOptions {

    /** SOL_SOCKET, SO_BINDTODEVICE and SO_MARK from Linux's asm-generic/socket.h. */
    private static final int SOL_SOCKET = 1;
    private static final int SO_BINDTODEVICE = 25;
    private static final int SO_MARK = 36;
    /** IFNAMSIZ: SO_BINDTODEVICE takes a NUL-terminated name of at most this many bytes. */
    private static final int IFNAMSIZ = 16;

    private static final IntegerUnixChannelOption MARK =
            new IntegerUnixChannelOption("SO_MARK", SOL_SOCKET, SO_MARK);
    private static final RawUnixChannelOption BIND_TO_DEVICE =
            new RawUnixChannelOption("SO_BINDTODEVICE", SOL_SOCKET, SO_BINDTODEVICE, IFNAMSIZ);

    private SocketOptions() {
    }

    /** Sets the options on a registered, unconnected channel; the reason it failed, if it did. */
    static Optional<String> set(Channel channel, CheckTransport transport, ConnectOptions options) {
        if (options.bindInterface().isEmpty() && options.fwmark().isEmpty()) {
            return Optional.empty();
        }
        if (!transport.isEpoll()) {
            return Optional.of("bind_if and fwmark need the native epoll transport");
        }
        try {
            if (options.fwmark().isPresent()) {
                channel.config().setOption(MARK, (int) options.fwmark().getAsLong());
            }
            if (options.bindInterface().isPresent()) {
                ByteBuffer value = ByteBuffer.allocateDirect(IFNAMSIZ);
                value.put(options.bindInterface().get().getBytes(StandardCharsets.US_ASCII)).position(0);
                channel.config().setOption(BIND_TO_DEVICE, value);
            }
            return Optional.empty();
        } catch (ChannelException e) {
            return Optional.of("cannot set " + (options.bindInterface().isPresent() ? "bind_if "
                    + options.bindInterface().get() : "") + (options.fwmark().isPresent() ? " fwmark "
                    + options.fwmark().getAsLong() : "") + ": " + Dialer.describe(e.getCause() == null ? e : e.getCause()));
        }
    }
}
