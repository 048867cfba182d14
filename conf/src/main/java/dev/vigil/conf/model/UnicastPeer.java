package dev.vigil.conf.model;

import java.util.Objects;
import java.util.Optional;

/** One {@code unicast_peer} entry: {@code ADDRESS [min_ttl N] [max_ttl N]}. */
public record UnicastPeer(IpAddress address, Optional<Integer> minTtl, Optional<Integer> maxTtl) {
    public UnicastPeer {
        Objects.requireNonNull(address, "address");
    }
}
