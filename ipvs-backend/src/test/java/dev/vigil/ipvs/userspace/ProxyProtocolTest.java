package dev.vigil.ipvs.userspace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.ipvs.Destination;
import dev.vigil.ipvs.ForwardMethod;
import dev.vigil.ipvs.IpvsError;
import dev.vigil.ipvs.IpvsResult;
import dev.vigil.ipvs.ServiceKey;
import dev.vigil.ipvs.VirtualService;
import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real server receives the client's address in a PROXY protocol header, v1 or v2. */
class ProxyProtocolTest {

    private static final String VIP = "127.0.0.10";
    private static final String CLIENT = "127.0.0.51";
    /** The 12-byte v2 signature (HAProxy's proxy-protocol.txt, section 2.2). */
    private static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};

    private UserspaceIpvsBackend forwarder;
    private ServiceKey.Inet key;
    private int clientPort;

    @BeforeEach
    void start() throws IOException {
        forwarder = new UserspaceIpvsBackend(ForwarderSettings.defaults().withEventLoops(2));
        key = ServiceKey.tcp(VIP, Loopback.freePort(VIP));
        clientPort = Loopback.freePort(CLIENT);
    }

    @AfterEach
    void stop() {
        forwarder.close();
    }

    private String roundTrip(LoopbackServer server) throws IOException {
        assertTrue(forwarder.addService(VirtualService.of(key, "rr")).isOk());
        assertTrue(forwarder.addDestination(key,
                Destination.of(server.address(), server.port(), ForwardMethod.MASQ, 1)).isOk());
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(CLIENT), clientPort));
            s.connect(new InetSocketAddress(InetAddress.getByName(VIP), key.port()), Loopback.READ_TIMEOUT_MILLIS);
            s.setSoTimeout(Loopback.READ_TIMEOUT_MILLIS);
            s.getOutputStream().write("ping\n".getBytes(StandardCharsets.US_ASCII));
            String name = Loopback.readLine(s);
            assertEquals("ping", Loopback.readLine(s), "the payload follows the header untouched");
            return name;
        }
    }

    @Test
    void versionOneSendsTheTextLine() throws IOException {
        byte[] expected = ("PROXY TCP4 " + CLIENT + " " + VIP + " " + clientPort + " " + key.port() + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        try (LoopbackServer server = LoopbackServer.proxyHeader("P1", "127.0.0.21", expected.length)) {
            assertTrue(forwarder.setProxyProtocol(key, Optional.of(ProxyProtocol.V1)).isOk());
            assertEquals("P1", roundTrip(server));
            assertEquals(1, server.headers().size());
            assertEquals(new String(expected, StandardCharsets.US_ASCII),
                    new String(server.headers().getFirst(), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void versionTwoSendsTheBinaryHeader() throws IOException {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(V2_SIGNATURE);
        expected.write(0x21); // version 2, command PROXY
        expected.write(0x11); // AF_INET, STREAM
        expected.write(0);
        expected.write(12); // two IPv4 addresses and two ports
        expected.writeBytes(InetAddress.getByName(CLIENT).getAddress());
        expected.writeBytes(InetAddress.getByName(VIP).getAddress());
        expected.write(clientPort >> 8);
        expected.write(clientPort & 0xff);
        expected.write(key.port() >> 8);
        expected.write(key.port() & 0xff);
        try (LoopbackServer server = LoopbackServer.proxyHeader("P2", "127.0.0.21", expected.size())) {
            assertTrue(forwarder.setProxyProtocol(key, Optional.of(ProxyProtocol.V2)).isOk());
            assertEquals("P2", roundTrip(server));
            assertArrayEquals(expected.toByteArray(), server.headers().getFirst());
        }
    }

    @Test
    void udpServicesCannotUseIt() {
        IpvsResult result = forwarder.setProxyProtocol(ServiceKey.udp(VIP, 53), Optional.of(ProxyProtocol.V2));
        assertEquals(IpvsError.INVALID_ARGUMENT, assertInstanceOf(IpvsResult.Failed.class, result).error());
        assertEquals(Optional.empty(), forwarder.proxyProtocol(ServiceKey.udp(VIP, 53)));
    }
}
