package dev.vigil.ipvs.sched;

import dev.vigil.ipvs.IpAddress;
import dev.vigil.ipvs.Protocol;
import java.util.Objects;

/**
 * The packet fields schedulers hash on: the first packet of a new connection, from the
 * client's side ({@code iph->saddr}/{@code daddr} and the transport ports).
 */
public record Flow(Protocol protocol, IpAddress source, int sourcePort, IpAddress destination,
                   int destinationPort) {

    public Flow {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
    }
}
