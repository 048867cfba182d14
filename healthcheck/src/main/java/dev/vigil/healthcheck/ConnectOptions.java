package dev.vigil.healthcheck;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a network checker connects: keepalived's {@code connect_ip}/{@code connect_port}
 * (default: the real server's address and port), {@code bindto}/{@code bind_port} and
 * {@code connect_timeout}. The timeout bounds the connection and, as in keepalived, every
 * wait for data after it.
 *
 * @param target         address and port to connect to
 * @param bindTo         local address (and port, 0 for any) to bind before connecting
 * @param connectTimeout keepalived default 5 s (check_data.c)
 */
public record ConnectOptions(InetSocketAddress target, Optional<InetSocketAddress> bindTo,
                             Duration connectTimeout) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    public ConnectOptions {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(bindTo, "bindTo");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connect_timeout must be positive: " + connectTimeout);
        }
    }

    /** Connects to {@code target} from any local address with the default timeout. */
    public static ConnectOptions to(InetSocketAddress target) {
        return new ConnectOptions(target, Optional.empty(), DEFAULT_CONNECT_TIMEOUT);
    }

    public ConnectOptions withTimeout(Duration timeout) {
        return new ConnectOptions(target, bindTo, timeout);
    }
}
