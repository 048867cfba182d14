package dev.vigil.ipvs.userspace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.ipvs.Destination;
import dev.vigil.ipvs.ForwardMethod;
import dev.vigil.ipvs.ServiceKey;
import dev.vigil.ipvs.VirtualService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The end of a stream through the forwarder: the relay ends a side's input without the read
 * that returns 0 when epoll has already reported the peer's FIN, so these check that no byte
 * before a FIN is lost that way — data and FIN arriving together in every size around the
 * relay's read size, and urgent data, at whose mark a read stops short.
 */
class EndOfStreamTest {

    private static final String VIP = "127.0.0.10";
    private static final String CLIENT = "127.0.0.52";

    private UserspaceIpvsBackend forwarder;
    private ServiceKey.Inet web;

    @BeforeEach
    void start() throws IOException {
        forwarder = new UserspaceIpvsBackend(ForwarderSettings.defaults().withEventLoops(1));
        web = ServiceKey.tcp(VIP, Loopback.freePort(VIP));
        assertTrue(forwarder.addService(VirtualService.of(web, "rr")).isOk());
    }

    @AfterEach
    void stop() throws Exception {
        forwarder.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 257, RelayLoop.READ_SIZE - 1, RelayLoop.READ_SIZE, RelayLoop.READ_SIZE + 1, 1_000_003})
    void everyByteTheServerSentBeforeClosingReachesTheClientThenItsFin(int bytes) throws Exception {
        try (LoopbackServer source = LoopbackServer.source("S", "127.0.0.21", bytes)) {
            assertTrue(forwarder.addDestination(web,
                    Destination.of(source.address(), source.port(), ForwardMethod.MASQ, 1)).isOk());
            for (int round = 0; round < 20; round++) {
                try (Socket s = Loopback.connect(CLIENT, VIP, web.port())) {
                    byte[] received = s.getInputStream().readAllBytes();
                    assertEquals(bytes, received.length, "round " + round);
                    for (int i = 0; i < received.length; i++) {
                        if (received[i] != LoopbackServer.pattern(i)) {
                            throw new AssertionError("round " + round + ": byte " + i + " differs");
                        }
                    }
                }
            }
        }
    }

    @Test
    void urgentDataJustBeforeTheFinDoesNotCutOffWhatFollowsIt() throws Exception {
        try (ServerSocket sink = new ServerSocket()) {
            sink.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.21"), 0));
            assertTrue(forwarder.addDestination(web,
                    Destination.of("127.0.0.21", sink.getLocalPort(), ForwardMethod.MASQ, 1)).isOk());
            for (int round = 0; round < 50; round++) {
                CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> readAll(sink));
                try (Socket s = Loopback.connect(CLIENT, VIP, web.port())) {
                    OutputStream out = s.getOutputStream();
                    out.write("before".getBytes(StandardCharsets.US_ASCII));
                    s.sendUrgentData('!');
                    out.write("after".getBytes(StandardCharsets.US_ASCII));
                    s.shutdownOutput();
                    // Not inline at either end: the forwarder reads past the urgent byte.
                    assertArrayEquals("beforeafter".getBytes(StandardCharsets.US_ASCII),
                            received.get(10, TimeUnit.SECONDS), "round " + round);
                }
            }
        }
    }

    private static byte[] readAll(ServerSocket sink) {
        try (Socket s = sink.accept()) {
            s.setSoTimeout(Loopback.READ_TIMEOUT_MILLIS);
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return all.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
