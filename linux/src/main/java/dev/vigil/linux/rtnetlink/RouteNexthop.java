package dev.vigil.linux.rtnetlink;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * One path of a multipath route (a {@code struct rtnexthop} inside RTA_MULTIPATH).
 *
 * @param gateway        the next hop's address, if any
 * @param interfaceIndex the interface, or 0 to let the kernel find it from the gateway
 * @param onlink         RTNH_F_ONLINK: the gateway is on the link even without a matching prefix
 */
public record RouteNexthop(Optional<InetAddress> gateway, int interfaceIndex, boolean onlink) {

    /** Checks the index. */
    public RouteNexthop {
        Objects.requireNonNull(gateway, "gateway");
        if (interfaceIndex < 0) {
            throw new IllegalArgumentException("interface index cannot be negative: " + interfaceIndex);
        }
    }

    /** A path through {@code gateway}, interface left to the kernel. */
    public static RouteNexthop via(InetAddress gateway) {
        return new RouteNexthop(Optional.of(gateway), 0, false);
    }
}
