package dev.vigil.ipvs.userspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.ipvs.Destination;
import dev.vigil.ipvs.ForwardMethod;
import dev.vigil.ipvs.ServiceKey;
import dev.vigil.ipvs.VirtualService;
import dev.vigil.linux.NetNamespace;
import dev.vigil.linux.testing.NetnsLab;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The forwarder told to serve in another namespace ({@code net_namespace_ipvs}), created and
 * configured from a thread of the test's own namespace:
 * <pre>
 *   namespace lvs: VIP 10.79.9.1/32, 10.79.1.1 ── 10.79.1.2 namespace rs (HTTP and UDP echo)
 * </pre>
 * Neither the VIP nor the real server is reachable from the test's namespace, so a client in
 * lvs that gets the real server's answers shows that the listeners and the connections to
 * the real server were both made in lvs.
 */
@Tag("netns")
class ForwarderNamespaceNetnsTest {

    private static final String VIP = "10.79.9.1";
    private static final String REAL = "10.79.1.2";
    private static final int HTTP_PORT = 8080;

    private NetnsLab lab;
    private HttpServer http;
    private UdpEchoServer echo;
    private UserspaceIpvsBackend forwarder;

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
            if (http != null) {
                http.stop(0);
            }
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
    void listensAndConnectsInsideTheNamedNamespace() throws Exception {
        String lvs = lab.namespace("lvs");
        String rs = lab.namespace("rs");
        lab.veth(lvs, "l0", rs, "r0");
        lab.address(lvs, "l0", "10.79.1.1/24");
        lab.address(rs, "r0", REAL + "/24");
        lab.address(lvs, "l0", VIP + "/32");
        http = NetNamespace.call(rs, () -> httpServer(REAL));
        echo = NetNamespace.call(rs, () -> new UdpEchoServer("rs", REAL));

        forwarder = new UserspaceIpvsBackend(ForwarderSettings.defaults().withEventLoops(2)
                .withNetNamespace(NetNamespace.path(lvs)));
        ServiceKey.Inet web = ServiceKey.tcp(VIP, 80);
        ServiceKey.Inet dns = ServiceKey.udp(VIP, 53);
        assertTrue(forwarder.addService(VirtualService.of(web, "rr")).isOk());
        assertTrue(forwarder.addDestination(web, Destination.of(REAL, HTTP_PORT, ForwardMethod.MASQ, 1)).isOk());
        assertTrue(forwarder.addService(VirtualService.of(dns, "rr")).isOk());
        assertTrue(forwarder.addDestination(dns, Destination.of(REAL, echo.port(), ForwardMethod.MASQ, 1)).isOk());

        assertEquals("rs", NetNamespace.call(lvs, () -> get(VIP, 80)));
        assertEquals("rs:ping", NetNamespace.call(lvs, () -> udpRoundTrip(VIP, 53, "ping")));
        String tcpHere = NetnsLab.check("ss", "-ltnH");
        String udpHere = NetnsLab.check("ss", "-uanH");
        String tcpThere = lab.exec(lvs, "ss", "-ltnH");
        String udpThere = lab.exec(lvs, "ss", "-uanH");
        assertTrue(boundTo(tcpThere, VIP, 80), tcpThere);
        assertTrue(boundTo(udpThere, VIP, 53), udpThere);
        assertFalse(boundTo(tcpHere, VIP, 80), tcpHere);
        assertFalse(boundTo(udpHere, VIP, 53), udpHere);
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

    private static HttpServer httpServer(String address) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(address, HTTP_PORT), 0);
        byte[] body = "rs".getBytes(StandardCharsets.US_ASCII);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }

    /** One HTTP/1.0 GET on a fresh connection; returns the body. */
    private static String get(String address, int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), Loopback.READ_TIMEOUT_MILLIS);
            s.setSoTimeout(Loopback.READ_TIMEOUT_MILLIS);
            s.getOutputStream().write("GET / HTTP/1.0\r\nHost: vip\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(response.startsWith("HTTP/1.1 200"), response);
            return response.substring(response.indexOf("\r\n\r\n") + 4);
        }
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
