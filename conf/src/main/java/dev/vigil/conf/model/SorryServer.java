package dev.vigil.conf.model;

import java.util.Objects;
import java.util.Optional;

/** {@code sorry_server IP [PORT]}, with {@code sorry_server_inhibit} and {@code sorry_server_lvs_method}. */
public record SorryServer(IpAddress address, Optional<Integer> port, boolean inhibit, Forwarding forwarding) {
    public SorryServer {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(forwarding, "forwarding");
    }
}
