package dev.vigil.ipvs.userspace;

import dev.vigil.ipvs.conn.Connection;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * What scheduling a new flow produced: the connection-table entry, where to connect, the
 * counters to charge, and the PROXY protocol header to send first, if any.
 */
record Booking(Connection connection, InetSocketAddress target, Counters service, Counters destination,
               Optional<ProxyProtocol> proxyProtocol) {
}
