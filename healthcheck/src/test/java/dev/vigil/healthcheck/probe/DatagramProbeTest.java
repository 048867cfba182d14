package dev.vigil.healthcheck.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.healthcheck.CheckResult;
import dev.vigil.healthcheck.ConnectOptions;
import dev.vigil.healthcheck.DnsType;
import dev.vigil.healthcheck.HexPattern;
import dev.vigil.healthcheck.UdpReplyRule;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** DNS_CHECK and UDP_CHECK against tiny loopback UDP responders, on every transport. */
class DatagramProbeTest {

    private static final Duration TIMEOUT = Duration.ofMillis(500);

    static List<Arguments> transports() {
        return Transports.available();
    }

    /**
     * A UDP responder on loopback: for each datagram it records the bytes and sends back what
     * {@code answer} returns for them (in order), or nothing for an empty list.
     */
    private static final class Responder implements AutoCloseable {
        final DatagramSocket socket;
        final List<byte[]> received = new CopyOnWriteArrayList<>();
        private final Thread thread;

        Responder(Function<byte[], List<byte[]>> answer) throws SocketException {
            socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
            thread = Thread.ofVirtual().start(() -> {
                byte[] buffer = new byte[2048];
                while (!socket.isClosed()) {
                    try {
                        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                        socket.receive(packet);
                        byte[] data = Arrays.copyOf(packet.getData(), packet.getLength());
                        received.add(data);
                        for (byte[] reply : answer.apply(data)) {
                            socket.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
                        }
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
        }

        InetSocketAddress address() {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
        }

        @Override
        public void close() {
            socket.close();
            thread.interrupt();
        }
    }

    /** A loopback UDP port with no socket behind it, so the kernel answers ICMP port unreachable. */
    private static InetSocketAddress deadPort() throws SocketException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
        }
    }

    /** The query's header turned into a response with {@code flags}, no records. */
    private static byte[] dnsAnswer(byte[] query, int flags, int idDelta) {
        byte[] reply = Arrays.copyOf(query, query.length);
        int id = ((query[0] & 0xff) << 8 | query[1] & 0xff) + idDelta;
        reply[0] = (byte) (id >> 8);
        reply[1] = (byte) id;
        reply[2] = (byte) (flags >> 8);
        reply[3] = (byte) flags;
        return reply;
    }

    private static CheckResult dns(CheckTransport transport, InetSocketAddress target) throws Exception {
        return new DnsProbe(transport, ConnectOptions.to(target).withTimeout(TIMEOUT), DnsType.SOA, "example.com",
                new SplittableRandom(7)).attempt().get(10, TimeUnit.SECONDS);
    }

    private static CheckResult udp(CheckTransport transport, InetSocketAddress target, Optional<HexPattern> payload,
                                   UdpReplyRule rule) throws Exception {
        return new UdpProbe(transport, ConnectOptions.to(target).withTimeout(TIMEOUT), payload, rule)
                .attempt().get(10, TimeUnit.SECONDS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void dnsAnswerWithRcodeZeroIsSuccessAfterIgnoringStrangers(String name, boolean epoll) throws Exception {
        try (CheckTransport transport = CheckTransport.create(1, epoll);
             Responder responder = new Responder(query -> List.of(
                     dnsAnswer(query, 0x8180, 1),   // another ID: ignored
                     dnsAnswer(query, 0x0100, 0),   // QR clear: ignored
                     new byte[5],                   // too short: ignored
                     dnsAnswer(query, 0x8180, 0)))) {
            assertInstanceOf(CheckResult.Success.class, dns(transport, responder.address()));
            byte[] query = responder.received.getFirst();
            assertEquals(0x01, query[2] & 0xff, "RD set");
            assertEquals(0x00, query[3] & 0xff);
            assertEquals("00060001", HexFormat.of().formatHex(query, query.length - 4, query.length),
                    "QTYPE SOA, QCLASS IN");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void dnsErrorRcodeFailsAndSilenceTimesOut(String name, boolean epoll) throws Exception {
        try (CheckTransport transport = CheckTransport.create(1, epoll)) {
            try (Responder servfail = new Responder(query -> List.of(dnsAnswer(query, 0x8182, 0)))) {
                CheckResult result = dns(transport, servfail.address());
                assertTrue(assertInstanceOf(CheckResult.Failure.class, result).reason().contains("rcode 2"), result.toString());
            }
            try (Responder silent = new Responder(query -> List.of())) {
                assertEquals(new CheckResult.TimedOut("DNS reply", TIMEOUT), dns(transport, silent.address()));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void icmpPortUnreachableFailsDnsAndUdp(String name, boolean epoll) throws Exception {
        try (CheckTransport transport = CheckTransport.create(1, epoll)) {
            CheckResult dns = dns(transport, deadPort());
            assertTrue(assertInstanceOf(CheckResult.Failure.class, dns).reason().contains("unreachable"), dns.toString());
            CheckResult udp = udp(transport, deadPort(), Optional.empty(), UdpReplyRule.none());
            assertTrue(assertInstanceOf(CheckResult.Failure.class, udp).reason().contains("unreachable"), udp.toString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void udpSilenceIsSuccessUnlessAReplyIsRequired(String name, boolean epoll) throws Exception {
        try (CheckTransport transport = CheckTransport.create(1, epoll);
             Responder silent = new Responder(datagram -> List.of())) {
            assertInstanceOf(CheckResult.Success.class, udp(transport, silent.address(), Optional.empty(), UdpReplyRule.none()));
            assertEquals("keepalived check - keepalived ch", new String(silent.received.getFirst(), java.nio.charset.StandardCharsets.US_ASCII));
            assertEquals(new CheckResult.TimedOut("UDP reply", TIMEOUT),
                    udp(transport, silent.address(), Optional.empty(), UdpReplyRule.anyReply()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void udpReplyMustMatchThePatternAndLengths(String name, boolean epoll) throws Exception {
        HexPattern payload = HexPattern.parseBytes("ca fe 01").orElseThrow();
        try (CheckTransport transport = CheckTransport.create(1, epoll);
             Responder echo = new Responder(datagram -> List.of(HexFormat.of().parseHex("beef" + HexFormat.of().formatHex(datagram))))) {
            HexPattern pattern = HexPattern.parsePattern("BEEF CAXE").orElseThrow();
            assertInstanceOf(CheckResult.Success.class,
                    udp(transport, echo.address(), Optional.of(payload), UdpReplyRule.matching(pattern)));
            assertEquals("cafe01", HexFormat.of().formatHex(echo.received.getFirst()));

            HexPattern other = HexPattern.parsePattern("BEEF 00").orElseThrow();
            CheckResult mismatch = udp(transport, echo.address(), Optional.of(payload), UdpReplyRule.matching(other));
            assertTrue(assertInstanceOf(CheckResult.Failure.class, mismatch).reason().contains("mismatch"), mismatch.toString());

            CheckResult tooLong = udp(transport, echo.address(), Optional.of(payload),
                    UdpReplyRule.matching(pattern).withLengths(0, 4));
            assertTrue(assertInstanceOf(CheckResult.Failure.class, tooLong).reason().contains("length"), tooLong.toString());
        }
    }

    @Test
    void udpSocketsHonourBindInterface() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(io.netty.channel.epoll.Epoll.isAvailable(), "needs epoll");
        try (CheckTransport transport = CheckTransport.create(1, true);
             Responder echo = new Responder(datagram -> List.of(datagram))) {
            ConnectOptions lo = ConnectOptions.to(echo.address()).withTimeout(TIMEOUT).withBindInterface("lo");
            CheckResult result = new UdpProbe(transport, lo, Optional.empty(), UdpReplyRule.anyReply())
                    .attempt().get(10, TimeUnit.SECONDS);
            assertInstanceOf(CheckResult.Success.class, result);
            ConnectOptions missing = ConnectOptions.to(echo.address()).withTimeout(TIMEOUT).withBindInterface("nosuchif0");
            CheckResult noDevice = new UdpProbe(transport, missing, Optional.empty(), UdpReplyRule.anyReply())
                    .attempt().get(10, TimeUnit.SECONDS);
            assertTrue(assertInstanceOf(CheckResult.Failure.class, noDevice).reason().contains("bind_if"), noDevice.toString());
        }
    }
}
