package dev.vigil.ipvs;

import java.util.Comparator;
import java.util.Objects;

/** What identifies a real server within a service: address and port. */
public record DestinationKey(IpAddress address, int port) {

    public DestinationKey {
        Objects.requireNonNull(address, "address");
        if (port < 0 || port > 0xffff) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** Numeric order: address, then port. */
    public static final Comparator<DestinationKey> ORDER =
            Comparator.comparing(DestinationKey::address).thenComparingInt(DestinationKey::port);

    @Override
    public String toString() {
        return address.isIpv4() ? address + ":" + port : "[" + address + "]:" + port;
    }
}
