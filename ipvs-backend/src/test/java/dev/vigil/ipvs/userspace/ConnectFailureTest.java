package dev.vigil.ipvs.userspace;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.ipvs.Destination;
import dev.vigil.ipvs.ForwardMethod;
import dev.vigil.ipvs.ServiceKey;
import dev.vigil.ipvs.VirtualService;
import dev.vigil.ipvs.conn.ConnectionTimeouts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connect to the real server does not simply succeed, on the epoll relay and on the NIO
 * fallback. It cannot be made: the client gets a RST and the flow ends — a refused connect at
 * once (also when the client's request was already sent on while connecting), a real server
 * that never answers (its accept queue is full, so the kernel drops further SYNs) after the
 * connect timeout (on epoll: one deadline timer per loop). It completes late: what the client
 * sent meanwhile reaches the server once it does.
 */
class ConnectFailureTest {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectFailureTest.class);
    private static final String VIP = "127.0.0.10";
    private static final Duration CONNECT_TIMEOUT = Duration.ofMillis(500);

    @ParameterizedTest(name = "native transport preferred: {0}")
    @ValueSource(booleans = {true, false})
    void aSilentRealServerIsGivenUpAfterTheConnectTimeout(boolean preferNative) throws IOException {
        ForwarderSettings settings = new ForwarderSettings(2, preferNative, CONNECT_TIMEOUT, 32 * 1024, 64 * 1024,
                ConnectionTimeouts.defaults(), false, Optional.empty());
        List<Socket> queued = new ArrayList<>();
        try (UserspaceIpvsBackend forwarder = new UserspaceIpvsBackend(settings);
             ServerSocket deaf = new ServerSocket()) {
            deaf.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.23"), 0), 1);
            fillAcceptQueue(deaf, queued);
            ServiceKey.Inet key = ServiceKey.tcp(VIP, Loopback.freePort(VIP));
            assertTrue(forwarder.addService(VirtualService.of(key, "rr")).isOk());
            assertTrue(forwarder.addDestination(key,
                    Destination.of("127.0.0.23", deaf.getLocalPort(), ForwardMethod.MASQ, 1)).isOk());
            long start = System.nanoTime();
            String outcome;
            try (Socket client = Loopback.connect("127.0.0.51", VIP, key.port())) {
                outcome = client.getInputStream().read() < 0 ? "end of stream" : "data";
            } catch (SocketTimeoutException e) {
                outcome = "no answer";
            } catch (IOException reset) {
                outcome = "reset";
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            LOG.info("{}: client saw {} after {} ms (connect timeout {} ms)", forwarder.transportName(), outcome,
                    millis, CONNECT_TIMEOUT.toMillis());
            assertEquals("reset", outcome);
            assertTrue(millis >= CONNECT_TIMEOUT.toMillis() - 50, "gave up early: " + millis + " ms");
            assertTrue(millis < 5_000, "gave up late: " + millis + " ms");
            await().atMost(Duration.ofSeconds(10)).until(() -> forwarder.activeFlows() == 0);
        } finally {
            for (Socket s : queued) {
                s.close();
            }
        }
    }

    @ParameterizedTest(name = "native transport preferred: {0}, client sends first: {1}")
    @CsvSource({"true, false", "false, false", "true, true", "false, true"})
    void aRefusedConnectResetsTheClient(boolean preferNative, boolean clientSendsFirst) throws IOException {
        ForwarderSettings settings = ForwarderSettings.defaults().withEventLoops(2).withNativeTransport(preferNative);
        try (UserspaceIpvsBackend forwarder = new UserspaceIpvsBackend(settings)) {
            ServiceKey.Inet key = ServiceKey.tcp(VIP, Loopback.freePort(VIP));
            assertTrue(forwarder.addService(VirtualService.of(key, "rr")).isOk());
            assertTrue(forwarder.addDestination(key,
                    Destination.of("127.0.0.23", Loopback.freePort("127.0.0.23"), ForwardMethod.MASQ, 1)).isOk());
            String outcome;
            try (Socket client = Loopback.connect("127.0.0.51", VIP, key.port())) {
                if (clientSendsFirst) {
                    // the kernel completed the handshake before the forwarder accepts: the
                    // request is there when it does, and is sent on while the connect is in progress
                    client.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                outcome = client.getInputStream().read() < 0 ? "end of stream" : "data";
            } catch (IOException reset) {
                outcome = "reset";
            }
            assertEquals("reset", outcome);
            await().atMost(Duration.ofSeconds(10)).until(() -> forwarder.activeFlows() == 0);
            assertEquals(1, forwarder.snapshot().service(key).orElseThrow().stats().connections());
        }
    }

    @ParameterizedTest(name = "native transport preferred: {0}")
    @ValueSource(booleans = {true, false})
    void whatTheClientSentWhileTheConnectWasPendingReachesTheServerOnceItCompletes(boolean preferNative)
            throws IOException {
        ForwarderSettings settings = new ForwarderSettings(2, preferNative, Duration.ofSeconds(20), 32 * 1024,
                64 * 1024, ConnectionTimeouts.defaults(), false, Optional.empty());
        List<Socket> queued = new ArrayList<>();
        try (UserspaceIpvsBackend forwarder = new UserspaceIpvsBackend(settings);
             ServerSocket slow = new ServerSocket()) {
            slow.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.23"), 0), 1);
            slow.setSoTimeout(Loopback.READ_TIMEOUT_MILLIS);
            fillAcceptQueue(slow, queued);
            ServiceKey.Inet key = ServiceKey.tcp(VIP, Loopback.freePort(VIP));
            assertTrue(forwarder.addService(VirtualService.of(key, "rr")).isOk());
            assertTrue(forwarder.addDestination(key,
                    Destination.of("127.0.0.23", slow.getLocalPort(), ForwardMethod.MASQ, 1)).isOk());
            try (Socket client = Loopback.connect("127.0.0.51", VIP, key.port())) {
                client.getOutputStream().write("sent while connecting\n".getBytes(StandardCharsets.US_ASCII));
                // the forwarder reads it and finds the server's handshake not done (its SYN was dropped)
                await().atMost(Duration.ofSeconds(10)).until(() -> forwarder.activeFlows() == 1);
                for (Socket s : queued) {
                    s.close();
                }
                // room in the accept queue: the SYN the kernel sends again (after 1 s) is answered
                long start = System.nanoTime();
                String received = null;
                while (received == null) {
                    try (Socket accepted = slow.accept()) {
                        accepted.setSoTimeout(Loopback.READ_TIMEOUT_MILLIS);
                        received = Loopback.readLine(accepted);
                    }
                }
                LOG.info("{}: the server got the early bytes {} ms after the accept queue had room",
                        forwarder.transportName(), (System.nanoTime() - start) / 1_000_000);
                assertEquals("sent while connecting", received);
            }
        } finally {
            for (Socket s : queued) {
                s.close();
            }
        }
    }

    /** Connects until the kernel stops completing handshakes for the listener that never accepts. */
    private static void fillAcceptQueue(ServerSocket deaf, List<Socket> queued) throws IOException {
        for (int i = 0; i < 16; i++) {
            Socket s = new Socket();
            queued.add(s);
            try {
                s.connect(deaf.getLocalSocketAddress(), 300);
            } catch (SocketTimeoutException full) {
                return;
            }
        }
        throw new IllegalStateException("the accept queue of a backlog-1 listener never filled");
    }
}
