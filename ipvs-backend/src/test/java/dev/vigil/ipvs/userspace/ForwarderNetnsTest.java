package dev.vigil.ipvs.userspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
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

    private NetnsLab lab;
    private final List<HttpServer> servers = new ArrayList<>();
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
            servers.forEach(s -> s.stop(0));
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
        servers.add(NetNamespace.call(rs1, () -> httpServer("10.77.2.2", "rs1")));
        servers.add(NetNamespace.call(rs2, () -> httpServer("10.77.3.2", "rs2")));

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
                bodies.add(get(VIP, 80));
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

    private static HttpServer httpServer(String address, String name) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(address, HTTP_PORT), 0);
        byte[] body = name.getBytes(StandardCharsets.US_ASCII);
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
}
