package dev.vigil.healthcheck.genhash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.common.time.Ticker;
import dev.vigil.healthcheck.HttpProtocol;
import dev.vigil.healthcheck.probe.CheckTransport;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GenhashTest {

    private static final String BODY = "genhash body\n";
    private static CheckTransport transport;

    @BeforeAll
    static void startTransport() {
        transport = CheckTransport.create(1);
    }

    @AfterAll
    static void stopTransport() {
        transport.close();
    }

    /** A one-file web server on loopback that records request lines. */
    private static final class WebServer implements AutoCloseable {
        final ServerSocket socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        final List<String> requests = new CopyOnWriteArrayList<>();
        private final Thread thread;

        WebServer(String response) throws IOException {
            thread = Thread.ofVirtual().start(() -> {
                while (!socket.isClosed()) {
                    try (Socket connection = socket.accept()) {
                        requests.add(readHeader(connection.getInputStream()));
                        connection.getOutputStream().write(response.getBytes(StandardCharsets.ISO_8859_1));
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
        }

        private static String readHeader(InputStream in) throws IOException {
            StringBuilder header = new StringBuilder();
            int b;
            while (!header.toString().endsWith("\r\n\r\n") && (b = in.read()) >= 0) {
                header.append((char) b);
            }
            return header.toString();
        }

        InetSocketAddress address() {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
        }

        @Override
        public void close() throws IOException {
            socket.close();
            thread.interrupt();
        }
    }

    private static GenhashReport run(GenhashRequest request) throws Exception {
        return new Genhash(transport, Ticker.system()).run(request).get(10, TimeUnit.SECONDS);
    }

    private static String md5(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void printsTheBodyDigestOnly() throws Exception {
        try (WebServer server = new WebServer("HTTP/1.0 404 Not Found\r\nContent-Length: 13\r\n\r\n" + BODY)) {
            GenhashReport report = run(GenhashRequest.of(server.address(), "/page"));
            assertEquals(new GenhashReport(md5(BODY) + "\n", "", 0), report, "status is not checked, as in genhash");
            assertEquals("GET /page HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: 127.0.0.1:"
                    + server.address().getPort() + "\r\n\r\n", server.requests.getFirst());
        }
    }

    @Test
    void verboseDumpsHeaderBodyAndDigest() throws Exception {
        String header = "HTTP/1.1 200 OK\r\n\r\n";
        try (WebServer server = new WebServer(header + BODY)) {
            GenhashRequest request = new GenhashRequest(server.address(), "/v", false, false, Optional.of("site.example"),
                    HttpProtocol.HTTP_1_1, Duration.ofSeconds(3), true);
            String out = run(request).stdout();
            assertTrue(out.startsWith("-----------------------[    HTTP Header Buffer    ]-----------------------\n"
                    + "0000  48 54 54 50 2f 31 2e 31 - 20 32 30 30 20 4f 4b 0d   HTTP/1.1 200 OK.\n"), out);
            assertTrue(out.contains("-----------------------[ HTTP Header Ascii Buffer ]-----------------------\n"
                    + header + "\n"), out);
            assertTrue(out.contains("-----------------------[        HTML Buffer        ]-----------------------\n"
                    + "0000  67 65 6e 68 61 73 68 20 - 62 6f 64 79 0a"), out);
            assertTrue(out.contains("-----------------------[ HTML hash final resulting ]-----------------------\n"
                    + md5(BODY) + "\n\nGlobal response time for [/v] = "), out);
            assertTrue(server.requests.getFirst().contains("Host: site.example\r\n"), server.requests.getFirst());
        }
    }

    @Test
    void emptyResponseAndRefusedConnectionUseKeepalivedsMessages() throws Exception {
        try (WebServer server = new WebServer("")) {
            assertEquals(new GenhashReport("", "no data received from remote webserver\n", 0),
                    run(GenhashRequest.of(server.address(), "/")));
        }
        try (Socket refusing = new Socket()) {
            refusing.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            GenhashReport report = run(GenhashRequest.of((InetSocketAddress) refusing.getLocalSocketAddress(), "/"));
            assertEquals(new GenhashReport("Connection failed\n", "", 0), report);
        }
    }

    @Test
    void hexDumpMatchesKeepalivedsLayout() {
        byte[] data = "GET / HTTP/1.0\r\nab".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("0000  47 45 54 20 2f 20 48 54 - 54 50 2f 31 2e 30 0d 0a   GET / HTTP/1.0..\n"
                + "0016  61 62" + "   ".repeat(6) + " -" + "   ".repeat(8) + "   ab" + " ".repeat(14) + "\n",
                HexDump.format(data));
        assertEquals("", HexDump.format(new byte[0]));
    }
}
