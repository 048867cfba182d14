package dev.vigil.ipvs.userspace;

import static dev.vigil.ipvs.userspace.Loopback.connect;
import static dev.vigil.ipvs.userspace.Loopback.echo;
import static dev.vigil.ipvs.userspace.Loopback.nameOfServerFor;
import static dev.vigil.ipvs.userspace.Loopback.readLine;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.ipvs.AddressFamily;
import dev.vigil.ipvs.Destination;
import dev.vigil.ipvs.DestinationEntry;
import dev.vigil.ipvs.ForwardMethod;
import dev.vigil.ipvs.IpAddress;
import dev.vigil.ipvs.IpvsError;
import dev.vigil.ipvs.IpvsResult;
import dev.vigil.ipvs.ServiceEntry;
import dev.vigil.ipvs.ServiceKey;
import dev.vigil.ipvs.VirtualService;
import dev.vigil.ipvs.listing.ConnectionRow;
import dev.vigil.ipvs.listing.IpvsadmFormat;
import dev.vigil.ipvs.listing.ListFormat;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The forwarder on loopback: real servers on 127.0.0.21/22, the VIP 127.0.0.10 (the whole
 * 127/8 is local, so no namespace is needed), clients connecting from 127.0.0.x.
 */
class UserspaceForwardingTest {

    private static final String VIP = "127.0.0.10";
    private static final String CLIENT = "127.0.0.51";

    private UserspaceIpvsBackend forwarder;
    private LoopbackServer a;
    private LoopbackServer b;
    private ServiceKey.Inet web;

    @BeforeEach
    void start() throws IOException {
        forwarder = new UserspaceIpvsBackend(ForwarderSettings.defaults().withEventLoops(2));
        a = LoopbackServer.nameEcho("A", "127.0.0.21");
        b = LoopbackServer.nameEcho("B", "127.0.0.22");
        web = ServiceKey.tcp(VIP, Loopback.freePort(VIP));
    }

    @AfterEach
    void stop() throws IOException {
        forwarder.close();
        a.close();
        b.close();
    }

    private static Destination dest(LoopbackServer server, int weight) {
        return Destination.of(server.address(), server.port(), ForwardMethod.MASQ, weight);
    }

    /** A TCP service on the VIP with A added first, then B: kernel list order is [B, A]. */
    private void service(String scheduler, int weightA, int weightB) {
        assertTrue(forwarder.addService(VirtualService.of(web, scheduler)).isOk());
        assertTrue(forwarder.addDestination(web, dest(a, weightA)).isOk());
        assertTrue(forwarder.addDestination(web, dest(b, weightB)).isOk());
    }

    private List<String> names(int connections) throws IOException {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            names.add(nameOfServerFor(CLIENT, VIP, web.port()));
        }
        return names;
    }

    @Test
    void roundRobinAlternatesStartingWithTheNewestDestination() throws IOException {
        service("rr", 1, 1);
        assertEquals(List.of("B", "A", "B", "A", "B", "A"), names(6));
    }

    @Test
    void weightedRoundRobinFollowsTheWeights() throws IOException {
        service("wrr", 3, 1);
        // ip_vs_wrr.c: adding A (3) alone gives gcd 3, mw 1, cw 1; adding B (1) makes gcd 1,
        // mw 3 and keeps cw 1. Over [B(1), A(3)]: cw 1 → B, A; cw 3 → A; cw 2 → A; repeat.
        assertEquals(List.of("B", "A", "A", "A", "B", "A", "A", "A"), names(8));
    }

    @Test
    void sourceHashingKeepsAClientOnOneServer() throws IOException {
        service("sh", 1, 1);
        List<String> first = names(5);
        assertEquals(5, first.stream().filter(first.getFirst()::equals).count(), "one client, one server: " + first);
        Map<String, Integer> spread = new TreeMap<>();
        for (int i = 60; i < 80; i++) {
            spread.merge(nameOfServerFor("127.0.0." + i, VIP, web.port()), 1, Integer::sum);
        }
        assertEquals(2, spread.size(), "20 client addresses should reach both servers: " + spread);
    }

    @Test
    void weightZeroTakesNoNewConnectionsButKeepsOpenOnes() throws IOException {
        service("rr", 1, 1);
        try (Socket toB = connect(CLIENT, VIP, web.port())) {
            assertEquals("B", readLine(toB));
            assertTrue(forwarder.editDestination(web, dest(b, 0)).isOk());
            assertEquals(List.of("A", "A", "A"), names(3));
            assertEquals("still here", echo(toB, "still here"));
        }
    }

    @Test
    void anUpperThresholdSendsNewConnectionsElsewhere() throws IOException {
        service("rr", 1, 1);
        assertTrue(forwarder.editDestination(web, dest(b, 1).withThresholds(1, 0)).isOk());
        try (Socket toB = connect(CLIENT, VIP, web.port())) {
            assertEquals("B", readLine(toB));
            assertTrue(destination(b).activeConnections() + destination(b).inactiveConnections() >= 1);
            assertEquals(List.of("A", "A", "A"), names(3), "B is overloaded while its connection lives");
            assertEquals("B again", echo(toB, "B again"));
        }
    }

    @Test
    void removingADestinationKeepsItsAndOtherConnectionsFlowing() throws IOException {
        service("rr", 1, 1);
        try (Socket toB = connect(CLIENT, VIP, web.port())) {
            // Sequential: the two listeners' loops could otherwise schedule in either order.
            assertEquals("B", readLine(toB));
            try (Socket toA = connect(CLIENT, VIP, web.port())) {
                assertEquals("A", readLine(toA));
                removeAMidStream(toA, toB);
            }
        }
    }

    private void removeAMidStream(Socket toA, Socket toB) throws IOException {
        assertTrue(forwarder.deleteDestination(web, dest(a, 1).key()).isOk());
        assertEquals("to A after removal", echo(toA, "to A after removal"));
        assertEquals("to B", echo(toB, "to B"));
        assertEquals(List.of("B", "B"), names(2));
    }

    @Test
    void halfCloseFromTheClientStillDeliversTheServersReply() throws IOException {
        service("rr", 1, 1);
        try (Socket s = connect(CLIENT, VIP, web.port())) {
            assertEquals("B", readLine(s));
            s.getOutputStream().write("last words\n".getBytes());
            s.shutdownOutput();
            assertEquals("last words", readLine(s));
            assertEquals("bye", readLine(s));
            assertNull(readLine(s), "the server's FIN reaches the client");
        }
    }

    @Test
    void noAvailableDestinationResetsTheClient() {
        service("rr", 0, 0);
        String outcome;
        try (Socket s = connect(CLIENT, VIP, web.port())) {
            outcome = String.valueOf(readLine(s));
        } catch (IOException reset) {
            outcome = "reset";
        }
        assertTrue(outcome.equals("reset") || outcome.equals("null"), "no data may arrive: " + outcome);
        assertEquals(0, a.accepted() + b.accepted());
    }

    @Test
    void deletingTheServiceClosesItsListeners() throws IOException {
        service("rr", 1, 1);
        assertEquals("B", nameOfServerFor(CLIENT, VIP, web.port()));
        assertTrue(forwarder.deleteService(web).isOk());
        assertThrows(IOException.class, () -> connect(CLIENT, VIP, web.port()).close());
    }

    @Test
    void fwmarkServicesAreRefusedWithAReason() {
        IpvsResult result = forwarder.addService(VirtualService.of(new ServiceKey.Fwmark(7, AddressFamily.INET), "rr"));
        IpvsResult.Failed failed = assertInstanceOf(IpvsResult.Failed.class, result);
        assertEquals(IpvsError.INVALID_ARGUMENT, failed.error());
        assertTrue(failed.detail().contains("fwmark"), failed.detail());
    }

    @Test
    void forwardingMethodIsReportedAsConfigured() {
        assertTrue(forwarder.addService(VirtualService.of(web, "rr")).isOk());
        assertTrue(forwarder.addDestination(web, Destination.of(a.address(), a.port(), ForwardMethod.DROUTE, 1)).isOk());
        String listing = IpvsadmFormat.list(forwarder.info(), forwarder.snapshot(), ListFormat.PLAIN, false);
        assertTrue(listing.contains("Route"), listing);
    }

    @Test
    void countersAndConnectionRowsComeFromRealTraffic() throws IOException {
        service("rr", 1, 1);
        try (Socket s = connect(CLIENT, VIP, web.port())) {
            assertEquals("B", readLine(s));
            assertEquals("0123456789", echo(s, "0123456789"));
            await().atMost(Duration.ofSeconds(10)).until(() -> destination(b).activeConnections() == 1);
            List<ConnectionRow> rows = forwarder.connections();
            assertEquals(1, rows.size());
            ConnectionRow row = rows.getFirst();
            assertEquals("ESTABLISHED", row.state());
            assertEquals(IpAddress.of(CLIENT), row.client());
            assertEquals(IpAddress.of(VIP), row.virtualAddress());
            assertEquals(b.port(), row.destinationPort());
            assertTrue(row.expiresSeconds() > 890, "ESTABLISHED lives 900 s: " + row);
            assertTrue(IpvsadmFormat.connections(rows, false).contains("ESTABLISHED"));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> forwarder.activeFlows() == 0);
        DestinationEntry entry = destination(b);
        assertEquals(0, entry.activeConnections());
        assertEquals(1, entry.inactiveConnections(), "closed connections linger in CLOSE, like IPVS");
        assertEquals(1, entry.stats().connections());
        assertEquals(11, entry.stats().inBytes(), "the echoed line");
        assertEquals("B\n0123456789\nbye\n".length(), entry.stats().outBytes());
        ServiceEntry service = forwarder.snapshot().service(web).orElseThrow();
        assertEquals(1, service.stats().connections());
        assertEquals("CLOSE", forwarder.connections().getFirst().state());
    }

    private DestinationEntry destination(LoopbackServer server) {
        return forwarder.snapshot().service(web).orElseThrow().destination(dest(server, 1).key()).orElseThrow();
    }
}
