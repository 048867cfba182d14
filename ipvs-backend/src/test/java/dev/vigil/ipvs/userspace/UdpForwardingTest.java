package dev.vigil.ipvs.userspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.ipvs.Destination;
import dev.vigil.ipvs.DestinationEntry;
import dev.vigil.ipvs.ForwardMethod;
import dev.vigil.ipvs.ServiceKey;
import dev.vigil.ipvs.VirtualService;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** UDP through the forwarder on loopback: requests out, replies back from the VIP. */
class UdpForwardingTest {

    private static final String VIP = "127.0.0.10";

    private UserspaceIpvsBackend forwarder;
    private UdpEchoServer a;
    private UdpEchoServer b;
    private ServiceKey.Inet dns;

    @BeforeEach
    void start() throws IOException {
        forwarder = new UserspaceIpvsBackend(ForwarderSettings.defaults().withEventLoops(2));
        a = new UdpEchoServer("A", "127.0.0.21");
        b = new UdpEchoServer("B", "127.0.0.22");
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(VIP), 0))) {
            dns = ServiceKey.udp(VIP, probe.getLocalPort());
        }
        assertTrue(forwarder.addService(VirtualService.of(dns, "rr")).isOk());
        assertTrue(forwarder.addDestination(dns, Destination.of(a.address(), a.port(), ForwardMethod.MASQ, 1)).isOk());
        assertTrue(forwarder.addDestination(dns, Destination.of(b.address(), b.port(), ForwardMethod.MASQ, 1)).isOk());
    }

    @AfterEach
    void stop() {
        forwarder.close();
        a.close();
        b.close();
    }

    private static DatagramSocket client(String address) throws IOException {
        DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(address), 0));
        s.setSoTimeout(Loopback.READ_TIMEOUT_MILLIS);
        return s;
    }

    private String ask(DatagramSocket client, String text) throws IOException {
        byte[] out = text.getBytes(StandardCharsets.US_ASCII);
        client.send(new DatagramPacket(out, out.length, InetAddress.getByName(VIP), dns.port()));
        DatagramPacket in = new DatagramPacket(new byte[2048], 2048);
        client.receive(in);
        assertEquals(new InetSocketAddress(InetAddress.getByName(VIP), dns.port()), in.getSocketAddress(),
                "replies come from the VIP");
        return new String(in.getData(), 0, in.getLength(), StandardCharsets.US_ASCII);
    }

    @Test
    void datagramsGoBothWaysAndAClientKeepsItsServer() throws IOException {
        try (DatagramSocket first = client("127.0.0.51"); DatagramSocket second = client("127.0.0.52")) {
            assertEquals("B:hello", ask(first, "hello"));
            assertEquals("B:again", ask(first, "again"));
            assertEquals("A:other", ask(second, "other"));
        }
        DestinationEntry toB = forwarder.snapshot().service(dns).orElseThrow()
                .destination(Destination.of(b.address(), b.port(), ForwardMethod.MASQ, 1).key()).orElseThrow();
        assertEquals(1, toB.stats().connections());
        assertEquals(2, toB.stats().inPackets());
        assertEquals(2, toB.stats().outPackets());
        assertEquals("helloagain".length(), toB.stats().inBytes());
        assertEquals("B:helloB:again".length(), toB.stats().outBytes());
        assertEquals(0, toB.activeConnections(), "UDP entries are never active in IPVS");
        assertEquals(1, toB.inactiveConnections());
        assertEquals("UDP", forwarder.connections().getFirst().state());
    }
}
