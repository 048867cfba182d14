package dev.vigil.conf.model;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how a network checker connects. Empty address/port mean "the real server's";
 * {@code connectTimeout} is resolved (checker → real_server → virtual_server → 5 s).
 */
public record ConnectOptions(
        Optional<IpAddress> connectIp,
        Optional<Integer> connectPort,
        Optional<IpAddress> bindTo,
        Optional<Integer> bindPort,
        Optional<String> bindInterface,
        Duration connectTimeout,
        Optional<Long> fwmark) {

    public ConnectOptions {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
    }
}
