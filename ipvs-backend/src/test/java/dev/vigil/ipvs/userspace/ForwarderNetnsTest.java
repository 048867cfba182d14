package dev.vigil.ipvs.userspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.ipvs.Destination;
import dev.vigil.ipvs.DestinationEntry;
import dev.vigil.ipvs.ForwardMethod;
import dev.vigil.ipvs.ServiceEntry;
import dev.vigil.ipvs.ServiceKey;
import dev.vigil.ipvs.VirtualService;
import dev.vigil.linux.NetNamespace;
import dev.vigil.linux.testing.NetnsLab;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The forwarder on a director namespace between a client namespace and two real-server
 * namespaces (small HTTP servers), each on its own veth link:
 * <pre>
 *   client 10.77.1.2 ── 10.77.1.1 + VIP 10.77.1.100  director  10.77.2.1 ── 10.77.2.2 rs1
 *                                                              10.77.3.1 ── 10.77.3.2 rs2
 * </pre>
 * The service is added before the VIP is on the director (IP_FREEBIND), as a backup
 * director would have it.
 */
@Tag("netns")
class ForwarderNetnsTest {

    private static final String VIP = "10.77.1.100";
    private static final int HTTP_PORT = 8080;
    private static final String NS_VIP = "10.79.9.1";
    private static final String NS_REAL = "10.79.1.2";

    private NetnsLab lab;
    private final List<HttpServer> servers = new ArrayList<>();
    private UserspaceIpvsBackend forwarder;
    private UdpEchoServer echo;

    @BeforeEach
    void build() {
        NetnsLab.assumeAvailable();
        lab = new NetnsLab();
    }

    @AfterEach
    void tearDown() {
        try {
            if (forwarder != null) {
                forwarder.close();
            }
            servers.forEach(s -> s.stop(0));
            if (echo != null) {
                echo.close();
            }
        } finally {
            if (lab != null) {
                lab.close();
            }
        }
    }

    @Test
    void httpRequestsAreSpreadAsScheduled() throws Exception {
        String client = lab.namespace("cl");
        String director = lab.namespace("dir");
        String rs1 = lab.namespace("rs1");
        String rs2 = lab.namespace("rs2");
        lab.veth(client, "c0", director, "d0");
        lab.veth(director, "d1", rs1, "r0");
        lab.veth(director, "d2", rs2, "r0");
        lab.address(client, "c0", "10.77.1.2/24");
        lab.address(director, "d0", "10.77.1.1/24");
        lab.address(director, "d1", "10.77.2.1/24");
        lab.address(director, "d2", "10.77.3.1/24");
        lab.address(rs1, "r0", "10.77.2.2/24");
        lab.address(rs2, "r0", "10.77.3.2/24");
        servers.add(NetNamespace.call(rs1, () -> NamedHttp.serve("10.77.2.2", HTTP_PORT, "rs1")));
        servers.add(NetNamespace.call(rs2, () -> NamedHttp.serve("10.77.3.2", HTTP_PORT, "rs2")));

        ServiceKey.Inet web = ServiceKey.tcp(VIP, 80);
        forwarder = NetNamespace.call(director, () -> {
            UserspaceIpvsBackend f = new UserspaceIpvsBackend(ForwarderSettings.defaults().withEventLoops(2));
            assertTrue(f.addService(VirtualService.of(web, "rr")).isOk(), "bind before the VIP is local");
            assertTrue(f.addDestination(web, Destination.of("10.77.2.2", HTTP_PORT, ForwardMethod.MASQ, 1)).isOk());
            assertTrue(f.addDestination(web, Destination.of("10.77.3.2", HTTP_PORT, ForwardMethod.MASQ, 1)).isOk());
            return f;
        });
        lab.address(director, "d0", VIP + "/32");

        List<String> answers = NetNamespace.call(client, () -> {
            List<String> bodies = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                bodies.add(NamedHttp.get(VIP, 80));
            }
            return bodies;
        });
        assertEquals(List.of("rs2", "rs1", "rs2", "rs1", "rs2", "rs1"), answers);
        ServiceEntry entry = forwarder.snapshot().service(web).orElseThrow();
        assertEquals(6, entry.stats().connections());
        for (DestinationEntry d : entry.destinations()) {
            assertEquals(3, d.stats().connections(), d.key().toString());
        }
        assertEquals(2, entry.destinations().size());
    }

    /**
     * The forwarder told to serve in another namespace ({@code net_namespace_ipvs}), created
     * and configured from a thread of the test's own namespace: namespace lvs holds VIP
     * 10.79.9.1/32 and 10.79.1.1, linked to 10.79.1.2 in namespace rs (HTTP and UDP echo).
     * Neither the VIP nor the real server is reachable from the test's namespace, so a client
     * in lvs that gets the real server's answers shows that the listeners and the connections
     * to the real server were both made in lvs.
     */
    @Test
    void listensAndConnectsInsideTheNamedNamespace() throws Exception {
        String lvs = lab.namespace("lvs");
        String rs = lab.namespace("rs");
        lab.veth(lvs, "l0", rs, "r0");
        lab.address(lvs, "l0", "10.79.1.1/24");
        lab.address(rs, "r0", NS_REAL + "/24");
        lab.address(lvs, "l0", NS_VIP + "/32");
        servers.add(NetNamespace.call(rs, () -> NamedHttp.serve(NS_REAL, HTTP_PORT, "rs")));
        echo = NetNamespace.call(rs, () -> new UdpEchoServer("rs", NS_REAL));

        forwarder = new UserspaceIpvsBackend(ForwarderSettings.defaults().withEventLoops(2)
                .withNetNamespace(NetNamespace.path(lvs)));
        ServiceKey.Inet web = ServiceKey.tcp(NS_VIP, 80);
        ServiceKey.Inet dns = ServiceKey.udp(NS_VIP, 53);
        assertTrue(forwarder.addService(VirtualService.of(web, "rr")).isOk());
        assertTrue(forwarder.addDestination(web, Destination.of(NS_REAL, HTTP_PORT, ForwardMethod.MASQ, 1)).isOk());
        assertTrue(forwarder.addService(VirtualService.of(dns, "rr")).isOk());
        assertTrue(forwarder.addDestination(dns, Destination.of(NS_REAL, echo.port(), ForwardMethod.MASQ, 1)).isOk());

        assertEquals("rs", NetNamespace.call(lvs, () -> NamedHttp.get(NS_VIP, 80)));
        assertEquals("rs:ping", NetNamespace.call(lvs, () -> udpRoundTrip(NS_VIP, 53, "ping")));
        String tcpHere = NetnsLab.check("ss", "-ltnH");
        String udpHere = NetnsLab.check("ss", "-uanH");
        String tcpThere = lab.exec(lvs, "ss", "-ltnH");
        String udpThere = lab.exec(lvs, "ss", "-uanH");
        assertTrue(boundTo(tcpThere, NS_VIP, 80), tcpThere);
        assertTrue(boundTo(udpThere, NS_VIP, 53), udpThere);
        assertFalse(boundTo(tcpHere, NS_VIP, 80), tcpHere);
        assertFalse(boundTo(udpHere, NS_VIP, 53), udpHere);
        assertEquals(2, forwarder.snapshot().service(web).orElseThrow().stats().connections()
                + forwarder.snapshot().service(dns).orElseThrow().stats().connections());
    }

    @Test
    void aNamespaceTheLoopsCannotEnterStopsTheForwarderFromStarting() {
        Path missing = NetNamespace.path(lab.namespace("gone") + "-missing");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new UserspaceIpvsBackend(ForwarderSettings.defaults().withEventLoops(1).withNetNamespace(missing)));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("ip netns add"), e.getMessage());
    }

    /** Whether {@code ss} lists a socket on address:port (IPv4, or IPv4-mapped on a dual-stack socket). */
    private static boolean boundTo(String ss, String address, int port) {
        return ss.contains(" " + address + ":" + port + " ") || ss.contains(":" + address + "]:" + port + " ");
    }



    private static String udpRoundTrip(String address, int port, String payload) throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(Loopback.READ_TIMEOUT_MILLIS);
            byte[] out = payload.getBytes(StandardCharsets.US_ASCII);
            socket.send(new DatagramPacket(out, out.length, InetAddress.getByName(address), port));
            byte[] in = new byte[512];
            DatagramPacket reply = new DatagramPacket(in, in.length);
            socket.receive(reply);
            return new String(reply.getData(), 0, reply.getLength(), StandardCharsets.US_ASCII);
        }
    }
}
