package dev.vigil.daemon.control;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlServerTest {

    @TempDir
    Path dir;

    private ControlServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private ControlHandlers handlers() {
        return new ControlHandlers()
                .register("status", request -> ControlResponse.success("VI_1 MASTER\n", Map.of("VI_1", "MASTER")))
                .register("boom", request -> {
                    throw new IllegalStateException("handler exploded");
                })
                .register("echo", request -> ControlResponse.success(String.join(" ", request.args()), request.args()));
    }

    private ControlServer start(Path socket) throws ControlSocketException {
        server = ControlServer.start(ControlServerSettings.defaults(socket), handlers());
        return server;
    }

    private ControlResponse send(Path socket, ControlRequest request) throws ControlClientException {
        return new ControlClient(socket, Duration.ofSeconds(5)).send(request);
    }

    @Test
    void createsParentDirectoryAndSocketWithRestrictedModes() throws Exception {
        Path socket = dir.resolve("run/vigil/vigil.sock");
        start(socket);

        assertTrue(SocketFiles.isSocket(socket));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent())));
        try (var entries = Files.list(socket.getParent())) {
            assertEquals(java.util.List.of("vigil.sock"), entries.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void answersRegisteredCommandsWithTextDataAndExitCode() throws Exception {
        Path socket = dir.resolve("vigil.sock");
        start(socket);

        ControlResponse status = send(socket, ControlRequest.of("status"));
        assertTrue(status.ok());
        assertEquals(0, status.exitCode());
        assertEquals("VI_1 MASTER\n", status.text());
        assertEquals("MASTER", status.data().get("VI_1").asText());

        ControlResponse echo = send(socket, ControlRequest.of("echo", "a\nb", "é"));
        assertEquals("a\nb é", echo.text());
    }

    @Test
    void unknownCommandIsAUsageError() throws Exception {
        Path socket = dir.resolve("vigil.sock");
        start(socket);

        ControlResponse response = send(socket, ControlRequest.of("frobnicate"));

        assertFalse(response.ok());
        assertEquals(2, response.exitCode());
        assertContains(response.text(), "frobnicate", "boom, echo, status");
    }

    @Test
    void failingHandlerAnswersAnInternalErrorAndTheServerKeepsServing() throws Exception {
        Path socket = dir.resolve("vigil.sock");
        start(socket);

        ControlResponse failed = send(socket, ControlRequest.of("boom"));
        assertEquals(1, failed.exitCode());
        assertContains(failed.text(), "handler exploded");

        assertEquals(0, send(socket, ControlRequest.of("status")).exitCode());
    }

    @Test
    void malformedAndOversizedRequestsAreRefusedWithExitTwo() throws Exception {
        Path socket = dir.resolve("vigil.sock");
        server = ControlServer.start(new ControlServerSettings(socket, Duration.ofSeconds(5), 4, 256), handlers());

        assertContains(rawExchange(socket, "not json\n"), "\"exitCode\":2", "not JSON");
        assertContains(rawExchange(socket, "{\"command\":\"status\",\"args\":[1]}\n"), "\"exitCode\":2",
                "array of strings");
        assertContains(rawExchange(socket, "{\"command\":\"" + "x".repeat(400) + "\"}\n"), "\"exitCode\":2",
                "longer than 256 bytes");
        assertEquals(0, send(socket, ControlRequest.of("status")).exitCode());
    }

    @Test
    void silentClientIsDisconnectedAtTheTimeout() throws Exception {
        Path socket = dir.resolve("vigil.sock");
        server = ControlServer.start(new ControlServerSettings(socket, Duration.ofMillis(200), 4, 1024), handlers());

        try (SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            client.connect(UnixDomainSocketAddress.of(socket));
            long start = System.nanoTime();
            // The server closes without answering: read sees end of stream.
            assertEquals(-1, client.read(ByteBuffer.allocate(16)));
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(5)) < 0);
        }
        assertEquals(0, send(socket, ControlRequest.of("status")).exitCode());
    }

    @Test
    void refusedPeerGetsPermissionDenied() throws Exception {
        Path socket = dir.resolve("vigil.sock");
        server = ControlServer.start(ControlServerSettings.defaults(socket), handlers(), peer -> false);

        ControlResponse response = send(socket, ControlRequest.of("status"));

        assertFalse(response.ok());
        assertEquals(1, response.exitCode());
        assertTrue(response.text().startsWith("permission denied"), response.text());
    }

    @Test
    void refusesToStartWhileAnotherDaemonAnswers() throws Exception {
        Path socket = dir.resolve("vigil.sock");
        start(socket);

        ControlSocketException e = assertThrows(ControlSocketException.class,
                () -> ControlServer.start(ControlServerSettings.defaults(socket), handlers()));

        assertEquals(ControlSocketException.Kind.ALREADY_RUNNING, e.kind());
        assertEquals(0, send(socket, ControlRequest.of("status")).exitCode());
    }

    @Test
    void replacesAStaleSocket() throws Exception {
        Path socket = dir.resolve("vigil.sock");
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(socket));
        }
        assertTrue(SocketFiles.isSocket(socket));

        start(socket);

        assertEquals(0, send(socket, ControlRequest.of("status")).exitCode());
    }

    @Test
    void neverRemovesSomethingThatIsNotASocket() throws Exception {
        Path socket = dir.resolve("vigil.sock");
        Files.writeString(socket, "precious");

        ControlSocketException e = assertThrows(ControlSocketException.class,
                () -> ControlServer.start(ControlServerSettings.defaults(socket), handlers()));

        assertEquals(ControlSocketException.Kind.NOT_A_SOCKET, e.kind());
        assertEquals("precious", Files.readString(socket));
    }

    @Test
    void closeRemovesTheSocketAndIsIdempotent() throws Exception {
        Path socket = dir.resolve("vigil.sock");
        start(socket).close();
        server.close();

        assertFalse(Files.exists(socket));
        ControlClientException e = assertThrows(ControlClientException.class,
                () -> send(socket, ControlRequest.of("status")));
        assertEquals(ControlClientException.Kind.NO_SUCH_FILE, e.kind());
    }

    @Test
    void manyConcurrentClientsAreAllAnsweredOrToldBusy() throws Exception {
        Path socket = dir.resolve("vigil.sock");
        start(socket);
        var answers = java.util.Collections.synchronizedList(new java.util.ArrayList<Integer>());
        var threads = new java.util.ArrayList<Thread>();
        for (int i = 0; i < 40; i++) {
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    answers.add(send(socket, ControlRequest.of("status")).exitCode());
                } catch (ControlClientException e) {
                    answers.add(-1);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(40, answers.size());
        assertFalse(answers.contains(-1), answers::toString);
        assertTrue(answers.contains(0), answers::toString);
        await().atMost(Duration.ofSeconds(5)).until(() -> send(socket, ControlRequest.of("status")).exitCode() == 0);
    }

    static void assertContains(String text, String... parts) {
        for (String part : parts) {
            assertTrue(text.contains(part), () -> "expected '" + part + "' in: " + text);
        }
    }

    private static String rawExchange(Path socket, String request) throws IOException {
        try (SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            client.connect(UnixDomainSocketAddress.of(socket));
            client.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.UTF_8)));
            client.shutdownOutput();
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            while (client.read(buffer) >= 0) {
                assertTrue(buffer.hasRemaining(), "response too long");
            }
            return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
        }
    }
}
