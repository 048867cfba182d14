package dev.vigil.ipvs.conn;

import dev.vigil.ipvs.IpAddress;

/** How the table finds an entry for an incoming packet: protocol, client and virtual ends. */
record ConnectionKey(int protocol, IpAddress client, int clientPort, IpAddress virtualAddress, int virtualPort) {

    static ConnectionKey of(Connection c) {
        return new ConnectionKey(c.protocol(), c.client(), c.clientPort(), c.virtualAddress(), c.virtualPort());
    }
}
