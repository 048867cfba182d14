package dev.vigil.ipvs.listing;

import dev.vigil.ipvs.IpAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of {@code /proc/net/ip_vs_conn}: a connection or persistence template as the
 * kernel shows it ({@code ip_vs_conn_seq_show}).
 *
 * @param protocol       "TCP", "UDP", "SCTP", or "IP" for fwmark templates
 * @param state          state name ("ESTABLISHED", "SYN_RECV", "UDP", "NONE", ...)
 * @param expiresSeconds whole seconds until the entry's timer fires
 * @param peName         persistence engine of the entry, with {@code peData}, if any
 */
public record ConnectionRow(String protocol, IpAddress client, int clientPort, IpAddress virtualAddress,
                            int virtualPort, IpAddress destination, int destinationPort, String state,
                            long expiresSeconds, Optional<String> peName, Optional<String> peData) {

    public ConnectionRow {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(virtualAddress, "virtualAddress");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(peName, "peName");
        Objects.requireNonNull(peData, "peData");
    }

    /** A row without persistence-engine data. */
    public static ConnectionRow of(String protocol, IpAddress client, int clientPort, IpAddress virtualAddress,
                                   int virtualPort, IpAddress destination, int destinationPort, String state,
                                   long expiresSeconds) {
        return new ConnectionRow(protocol, client, clientPort, virtualAddress, virtualPort, destination,
                destinationPort, state, expiresSeconds, Optional.empty(), Optional.empty());
    }
}
