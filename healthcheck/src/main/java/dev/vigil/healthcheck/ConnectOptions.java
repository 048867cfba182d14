package dev.vigil.healthcheck;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where a network checker connects: keepalived's {@code connect_ip}/{@code connect_port}
 * (default: the real server's address and port), {@code bindto}/{@code bind_port},
 * {@code bind_if}, {@code fwmark} and {@code connect_timeout}. The timeout bounds the
 * connection and, as in keepalived, every wait for data after it.
 *
 * @param target         address and port to connect to
 * @param bindTo         local address (and port, 0 for any) to bind before connecting
 * @param bindInterface  {@code bind_if}: SO_BINDTODEVICE (needed for link-local targets)
 * @param fwmark         {@code fwmark}: SO_MARK on the checker's socket (0..2³²−1)
 * @param connectTimeout keepalived default 5 s (check_data.c)
 */
public record ConnectOptions(InetSocketAddress target, Optional<InetSocketAddress> bindTo,
                             Optional<String> bindInterface, OptionalLong fwmark,
                             Duration connectTimeout) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** IFNAMSIZ − 1: the longest interface name Linux accepts. */
    public static final int MAX_INTERFACE_NAME = 15;
    private static final long MAX_FWMARK = 0xffff_ffffL;

    public ConnectOptions {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(bindTo, "bindTo");
        Objects.requireNonNull(bindInterface, "bindInterface");
        Objects.requireNonNull(fwmark, "fwmark");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connect_timeout must be positive: " + connectTimeout);
        }
        if (bindInterface.isPresent() && (bindInterface.get().isEmpty()
                || bindInterface.get().length() > MAX_INTERFACE_NAME)) {
            throw new IllegalArgumentException("bad interface name '" + bindInterface.get() + "'");
        }
        if (fwmark.isPresent() && (fwmark.getAsLong() < 0 || fwmark.getAsLong() > MAX_FWMARK)) {
            throw new IllegalArgumentException("fwmark outside 0..2^32-1: " + fwmark.getAsLong());
        }
    }

    /** Without interface binding or mark. */
    public ConnectOptions(InetSocketAddress target, Optional<InetSocketAddress> bindTo, Duration connectTimeout) {
        this(target, bindTo, Optional.empty(), OptionalLong.empty(), connectTimeout);
    }

    /** Connects to {@code target} from any local address with the default timeout. */
    public static ConnectOptions to(InetSocketAddress target) {
        return new ConnectOptions(target, Optional.empty(), DEFAULT_CONNECT_TIMEOUT);
    }

    public ConnectOptions withTimeout(Duration timeout) {
        return new ConnectOptions(target, bindTo, bindInterface, fwmark, timeout);
    }

    public ConnectOptions withBindInterface(String name) {
        return new ConnectOptions(target, bindTo, Optional.of(name), fwmark, connectTimeout);
    }

    public ConnectOptions withFwmark(long mark) {
        return new ConnectOptions(target, bindTo, bindInterface, OptionalLong.of(mark), connectTimeout);
    }
}
