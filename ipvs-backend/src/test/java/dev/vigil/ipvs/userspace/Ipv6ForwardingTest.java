package dev.vigil.ipvs.userspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.ipvs.Destination;
import dev.vigil.ipvs.ForwardMethod;
import dev.vigil.ipvs.IpAddress;
import dev.vigil.ipvs.ServiceKey;
import dev.vigil.ipvs.VirtualService;
import dev.vigil.ipvs.conn.ConnectionTimeouts;
import dev.vigil.ipvs.conn.TcpState;
import dev.vigil.ipvs.listing.IpvsadmFormat;
import java.io.IOException;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/** An IPv6 service (VIP and real server on ::1, different ports) and the --set timeouts. */
class Ipv6ForwardingTest {

    @Test
    void ipv6ServiceForwardsAndListsItsConnection() throws IOException {
        try (UserspaceIpvsBackend forwarder = new UserspaceIpvsBackend(ForwarderSettings.defaults().withEventLoops(2));
             LoopbackServer server = LoopbackServer.nameEcho("V6", "::1")) {
            ServiceKey.Inet key = ServiceKey.tcp("::1", Loopback.freePort("::1"));
            assertTrue(forwarder.addService(VirtualService.of(key, "wlc")).isOk());
            assertTrue(forwarder.addDestination(key, Destination.of("::1", server.port(), ForwardMethod.MASQ, 1)).isOk());
            try (Socket s = Loopback.connect("::1", "::1", key.port())) {
                assertEquals("V6", Loopback.readLine(s));
                assertEquals("six", Loopback.echo(s, "six"));
                assertEquals(IpAddress.of("::1"), forwarder.connections().getFirst().client());
                assertTrue(IpvsadmFormat.connections(forwarder.connections(), false).contains("[::1]:" + key.port()),
                        IpvsadmFormat.connections(forwarder.connections(), false));
            }
        }
    }

    @Test
    void setTimeoutsChangesWhatTheListingReports() {
        try (UserspaceIpvsBackend forwarder = new UserspaceIpvsBackend(ForwarderSettings.defaults().withEventLoops(1))) {
            ConnectionTimeouts t = forwarder.timeouts();
            assertEquals("Timeout (tcp tcpfin udp): 900 120 300\n",
                    IpvsadmFormat.timeouts(t.seconds(TcpState.ESTABLISHED),
                            t.seconds(TcpState.FIN_WAIT), t.udpSeconds()));
            forwarder.setTimeouts(t.withSet(3600, 0, 60));
            assertEquals(3600, forwarder.timeouts().seconds(TcpState.ESTABLISHED));
            assertEquals(120, forwarder.timeouts().seconds(TcpState.FIN_WAIT));
            assertEquals(60, forwarder.timeouts().udpSeconds());
        }
    }
}
