package dev.vigil.ipvs.userspace;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.common.time.FakeScheduler;
import dev.vigil.ipvs.Destination;
import dev.vigil.ipvs.ForwardMethod;
import dev.vigil.ipvs.ServiceKey;
import dev.vigil.ipvs.Stats;
import dev.vigil.ipvs.VirtualService;
import dev.vigil.ipvs.conn.ConnectionTimeouts;
import dev.vigil.ipvs.listing.ConnectionRow;
import dev.vigil.ipvs.listing.IpvsadmFormat;
import dev.vigil.ipvs.listing.ListFormat;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rates and idle timeouts, with the forwarder's housekeeping driven by a fake clock while
 * the traffic is real: ESTABLISHED and UDP timeouts are shortened to 6 s.
 */
class HousekeepingTest {

    private static final String VIP = "127.0.0.10";
    private static final String CLIENT = "127.0.0.51";
    private static final long TWO_SECONDS = 2_000_000_000L;

    private final FakeScheduler clock = new FakeScheduler();
    private UserspaceIpvsBackend forwarder;

    @BeforeEach
    void start() {
        ConnectionTimeouts shortTimeouts = ConnectionTimeouts.defaults().withSet(6, 0, 6);
        forwarder = new UserspaceIpvsBackend(
                ForwarderSettings.defaults().withEventLoops(2).withTimeouts(shortTimeouts), clock);
    }

    @AfterEach
    void stop() {
        forwarder.close();
    }

    private ServiceKey.Inet tcpService(LoopbackServer... servers) throws IOException {
        ServiceKey.Inet key = ServiceKey.tcp(VIP, Loopback.freePort(VIP));
        assertTrue(forwarder.addService(VirtualService.of(key, "rr")).isOk());
        for (LoopbackServer s : servers) {
            assertTrue(forwarder.addDestination(key, Destination.of(s.address(), s.port(), ForwardMethod.MASQ, 1)).isOk());
        }
        return key;
    }

    @Test
    void ratesFollowTheKernelEstimatorEveryTwoSeconds() throws IOException {
        try (LoopbackServer a = LoopbackServer.nameEcho("A", "127.0.0.21")) {
            ServiceKey.Inet key = tcpService(a);
            String line = "x".repeat(4000);
            try (Socket s = Loopback.connect(CLIENT, VIP, key.port())) {
                assertEquals("A", Loopback.readLine(s));
                assertEquals(line, Loopback.echo(s, line));
                s.shutdownOutput();
                assertEquals("bye", Loopback.readLine(s));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> forwarder.activeFlows() == 0);
            clock.advance(TWO_SECONDS);
            Stats stats = forwarder.snapshot().service(key).orElseThrow().stats();
            assertEquals(1, stats.connections());
            assertEquals(4001, stats.inBytes());
            assertEquals(2 + 4001 + 4, stats.outBytes());
            // (4001 << 4) >> 2 = 16004, read (16004 + 15) >> 5 = 500; out: 16028 → 501.
            assertEquals(500, stats.inBps());
            assertEquals(501, stats.outBps());
            assertEquals(0, stats.cps(), "(1 << 9) >> 2 = 128 rounds to 0 cps");
            assertTrue(IpvsadmFormat.list(forwarder.info(), forwarder.snapshot(), ListFormat.RATE, false)
                    .contains("500"));
            clock.advance(TWO_SECONDS);
            // An idle interval: 16004 - 4001 = 12003 → (12003 + 15) >> 5 = 375.
            assertEquals(375, forwarder.snapshot().service(key).orElseThrow().stats().inBps());
        }
    }

    @Test
    void anIdleTcpConnectionIsClosedWhenItsStateTimesOut() throws IOException {
        try (LoopbackServer a = LoopbackServer.nameEcho("A", "127.0.0.21")) {
            ServiceKey.Inet key = tcpService(a);
            try (Socket s = Loopback.connect(CLIENT, VIP, key.port())) {
                assertEquals("A", Loopback.readLine(s));
                clock.advance(TWO_SECONDS);
                assertEquals("busy", Loopback.echo(s, "busy"));
                clock.advance(TWO_SECONDS); // traffic seen: the entry now expires 6 s from here
                clock.advance(2 * TWO_SECONDS);
                assertEquals(1, forwarder.activeFlows(), "4 s idle is below the 6 s timeout");
                clock.advance(2 * TWO_SECONDS);
                await().atMost(Duration.ofSeconds(10)).until(() -> forwarder.activeFlows() == 0);
                String after;
                try {
                    after = String.valueOf(Loopback.readLine(s));
                } catch (IOException reset) {
                    after = "reset";
                }
                assertTrue(after.equals("null") || after.equals("reset") || after.equals("bye"), after);
            }
        }
    }

    @Test
    void anIdleUdpAssociationEndsAndTheClientIsScheduledAgain() throws IOException {
        try (UdpEchoServer a = new UdpEchoServer("A", "127.0.0.21");
             UdpEchoServer b = new UdpEchoServer("B", "127.0.0.22");
             DatagramSocket client = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(CLIENT), 0))) {
            client.setSoTimeout(Loopback.READ_TIMEOUT_MILLIS);
            ServiceKey.Inet key;
            try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(VIP), 0))) {
                key = ServiceKey.udp(VIP, probe.getLocalPort());
            }
            assertTrue(forwarder.addService(VirtualService.of(key, "rr")).isOk());
            assertTrue(forwarder.addDestination(key, Destination.of(a.address(), a.port(), ForwardMethod.MASQ, 1)).isOk());
            assertTrue(forwarder.addDestination(key, Destination.of(b.address(), b.port(), ForwardMethod.MASQ, 1)).isOk());
            assertEquals("B:1", ask(client, key, "1"));
            clock.advance(TWO_SECONDS);
            assertEquals("B:2", ask(client, key, "2"), "within the timeout the association holds");
            clock.advance(TWO_SECONDS);
            clock.advance(4 * TWO_SECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() -> forwarder.activeFlows() == 0);
            assertEquals("A:3", ask(client, key, "3"), "after expiry rr schedules the client afresh");
        }
    }

    private static String ask(DatagramSocket client, ServiceKey.Inet key, String text) throws IOException {
        byte[] out = text.getBytes(StandardCharsets.US_ASCII);
        client.send(new DatagramPacket(out, out.length, InetAddress.getByName(VIP), key.port()));
        DatagramPacket in = new DatagramPacket(new byte[256], 256);
        client.receive(in);
        return new String(in.getData(), 0, in.getLength(), StandardCharsets.US_ASCII);
    }

    @Test
    void aNewConnectionExpiresClosedEntriesThatFellDueBetweenTicks() throws IOException {
        try (LoopbackServer a = LoopbackServer.nameEcho("A", "127.0.0.21")) {
            ServiceKey.Inet key = tcpService(a);
            int first;
            try (Socket s = Loopback.connect(CLIENT, VIP, key.port())) {
                assertEquals("A", Loopback.readLine(s));
                first = s.getLocalPort();
            }
            clock.advance(TWO_SECONDS / 2);
            // the listing applies the close at t = 1 s: CLOSE, due at 11 s
            await().atMost(Duration.ofSeconds(10)).until(() -> "CLOSE".equals(stateOf(first)));
            clock.advance(TWO_SECONDS * 21 / 4); // t = 11.5 s; the ticks at 2 … 10 s found nothing due
            assertEquals("CLOSE", stateOf(first), "not expired by a tick or by the listing");
            assertEquals("A", Loopback.nameOfServerFor(CLIENT, VIP, key.port()));
            assertEquals(null, stateOf(first), "the second connection's scheduling expired the first entry");
        }
    }

    private String stateOf(int clientPort) {
        return forwarder.connections().stream().filter(r -> r.clientPort() == clientPort)
                .map(ConnectionRow::state).findFirst().orElse(null);
    }
}
