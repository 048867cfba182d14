package dev.vigil.ipvs.userspace;

import dev.vigil.ipvs.conn.Connection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * What scheduling a new flow produced: the connection-table entry (which names the real
 * server and port to connect to), the counters to charge, and the PROXY protocol header to
 * send first, if any.
 */
record Booking(Connection connection, Counters service, Counters destination, Optional<ProxyProtocol> proxyProtocol) {

    /**
     * The real server as a socket address, built on each call: the Netty-channel sessions
     * connect to it once, the epoll relay only names it in log lines.
     */
    InetSocketAddress target() {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(connection.destination().address().toBytes()),
                    connection.destinationPort());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4- or 16-byte address refused", e);
        }
    }
}
