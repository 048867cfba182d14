package dev.vigil.healthcheck.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.healthcheck.CheckResult;
import dev.vigil.healthcheck.ConnectOptions;
import dev.vigil.healthcheck.HttpProtocol;
import dev.vigil.healthcheck.HttpSettings;
import dev.vigil.healthcheck.Md5Digest;
import dev.vigil.healthcheck.StatusCodes;
import dev.vigil.healthcheck.UrlSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HttpProbeTest {

    private static final String BODY = "<html>all is well</html>\n";
    private static CheckTransport transport;

    @BeforeAll
    static void startTransport() {
        transport = CheckTransport.create(1);
    }

    @AfterAll
    static void stopTransport() {
        transport.close();
    }

    static String md5(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.ISO_8859_1)));
    }

    /** A server that records each request header and answers with {@code status} and {@link #BODY}. */
    private static ScriptedTcpServer server(int status) throws IOException {
        return new ScriptedTcpServer((socket, server) -> {
            server.record(ScriptedTcpServer.readHeader(socket.getInputStream()));
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.0 " + status + " Whatever\r\nContent-Type: text/html\r\nContent-Length: "
                    + BODY.length() + "\r\n\r\n" + BODY).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        });
    }

    private static CheckResult check(InetSocketAddress target, HttpSettings http) throws Exception {
        HttpProbe probe = new HttpProbe(transport, ConnectOptions.to(target).withTimeout(Duration.ofSeconds(2)),
                http, Optional.empty());
        return probe.attempt().get(10, TimeUnit.SECONDS);
    }

    @Test
    void sendsKeepalivedsExactRequestWithAddressAndPortAsHost() throws Exception {
        try (ScriptedTcpServer server = server(200)) {
            CheckResult result = check(server.address(), HttpSettings.of(UrlSpec.path("/index.html")));
            assertInstanceOf(CheckResult.Success.class, result);
            assertEquals(List.of("GET /index.html HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: 127.0.0.1:"
                    + server.address().getPort() + "\r\n\r\n"), server.records());
        }
    }

    @Test
    void ipv6TargetIsBracketedInTheHostHeader() throws Exception {
        InetAddress v6 = InetAddress.getByName("::1");
        ScriptedTcpServer server;
        try {
            server = new ScriptedTcpServer(v6, (socket, srv) -> {
                srv.record(ScriptedTcpServer.readHeader(socket.getInputStream()));
                socket.getOutputStream().write("HTTP/1.0 200 OK\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            });
        } catch (IOException unavailable) {
            Assumptions.abort("IPv6 loopback unavailable: " + unavailable);
            return;
        }
        try (server) {
            assertInstanceOf(CheckResult.Success.class, check(server.address(), HttpSettings.of(UrlSpec.path("/"))));
            assertEquals("GET / HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: [::1]:" + server.address().getPort()
                    + "\r\n\r\n", server.records().getFirst());
        }
    }

    @Test
    void http11SendsConnectionCloseAndTheVirtualhostWithoutPort() throws Exception {
        try (ScriptedTcpServer server = server(200)) {
            HttpSettings http = new HttpSettings(List.of(UrlSpec.path("/a"), UrlSpec.path("/b").withVirtualhost("b.example")),
                    HttpProtocol.HTTP_1_1, Optional.of("www.example.com"));
            assertInstanceOf(CheckResult.Success.class, check(server.address(), http));
            assertEquals(List.of(
                    "GET /a HTTP/1.1\r\nUser-Agent: KeepAliveClient\r\nConnection: close\r\nHost: www.example.com\r\n\r\n",
                    "GET /b HTTP/1.1\r\nUser-Agent: KeepAliveClient\r\nConnection: close\r\nHost: b.example\r\n\r\n"),
                    server.records());
        }
    }

    @Test
    void http10WithCloseSendsConnectionClose() throws Exception {
        try (ScriptedTcpServer server = server(200)) {
            HttpSettings http = new HttpSettings(List.of(UrlSpec.path("/")), HttpProtocol.HTTP_1_0_CLOSE, Optional.empty());
            check(server.address(), http);
            assertTrue(server.records().getFirst().startsWith("GET / HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nConnection: close\r\nHost: "),
                    server.records().getFirst());
        }
    }

    @Test
    void statusCodeOutsideTheAcceptedSetFails() throws Exception {
        try (ScriptedTcpServer server = server(404)) {
            CheckResult result = check(server.address(), HttpSettings.of(UrlSpec.path("/")));
            assertTrue(assertInstanceOf(CheckResult.Failure.class, result).reason().contains("404"), result.toString());

            UrlSpec accepting404 = UrlSpec.path("/").withStatusCodes(StatusCodes.parse("200-299", "404").orElseThrow());
            assertInstanceOf(CheckResult.Success.class, check(server.address(), HttpSettings.of(accepting404)));
        }
    }

    @Test
    void digestMustMatchTheBody() throws Exception {
        try (ScriptedTcpServer server = server(200)) {
            UrlSpec good = UrlSpec.path("/").withDigest(new Md5Digest(md5(BODY).toUpperCase()));
            assertInstanceOf(CheckResult.Success.class, check(server.address(), HttpSettings.of(good)));

            UrlSpec bad = UrlSpec.path("/").withDigest(new Md5Digest(md5("something else")));
            CheckResult result = check(server.address(), HttpSettings.of(bad));
            assertTrue(assertInstanceOf(CheckResult.Failure.class, result).reason().contains("MD5"), result.toString());
        }
    }

    @Test
    void everyUrlMustPass() throws Exception {
        try (ScriptedTcpServer server = new ScriptedTcpServer((socket, srv) -> {
            String header = ScriptedTcpServer.readHeader(socket.getInputStream());
            srv.record(header.substring(0, header.indexOf('\r')));
            String status = header.startsWith("GET /missing ") ? "500 Oops" : "200 OK";
            socket.getOutputStream().write(("HTTP/1.0 " + status + "\r\n\r\nbody").getBytes(StandardCharsets.ISO_8859_1));
        })) {
            CheckResult result = check(server.address(), HttpSettings.of(UrlSpec.path("/ok"), UrlSpec.path("/missing"),
                    UrlSpec.path("/never")));
            assertTrue(assertInstanceOf(CheckResult.Failure.class, result).reason().contains("/missing"), result.toString());
            assertEquals(List.of("GET /ok HTTP/1.0", "GET /missing HTTP/1.0"), server.records());
        }
    }

    @Test
    void regexMustBeFoundOrAbsent() throws Exception {
        try (ScriptedTcpServer server = server(200)) {
            UrlSpec found = UrlSpec.path("/").withRegex(new UrlSpec.RegexRule(Pattern.compile("all is w[e]ll"), false));
            assertInstanceOf(CheckResult.Success.class, check(server.address(), HttpSettings.of(found)));
            UrlSpec forbidden = UrlSpec.path("/").withRegex(new UrlSpec.RegexRule(Pattern.compile("well"), true));
            assertInstanceOf(CheckResult.Failure.class, check(server.address(), HttpSettings.of(forbidden)));
        }
    }

    @Test
    void closingWithoutAResponseIsNoData() throws Exception {
        try (ScriptedTcpServer server = new ScriptedTcpServer((socket, srv) -> ScriptedTcpServer.readHeader(socket.getInputStream()))) {
            CheckResult result = check(server.address(), HttpSettings.of(UrlSpec.path("/")));
            assertTrue(assertInstanceOf(CheckResult.Failure.class, result).reason().contains("no data"), result.toString());
        }
    }

    @Test
    void silentServerTimesOut() throws Exception {
        try (ScriptedTcpServer server = new ScriptedTcpServer((socket, srv) -> {
            ScriptedTcpServer.readHeader(socket.getInputStream());
            socket.getInputStream().read();
        })) {
            HttpProbe probe = new HttpProbe(transport, ConnectOptions.to(server.address()).withTimeout(Duration.ofMillis(300)),
                    HttpSettings.of(UrlSpec.path("/")), Optional.empty());
            CheckResult result = probe.attempt().get(10, TimeUnit.SECONDS);
            assertEquals(new CheckResult.TimedOut("read", Duration.ofMillis(300)), result);
        }
    }

    @Test
    void aServerThatKeepsSendingWithinTheTimeoutIsWaitedFor() throws Exception {
        // Each byte comes 100 ms after the last; the whole answer takes twice the 1 s timeout,
        // which bounds each wait, not the exchange (10 times the gap: margin for a busy machine).
        byte[] answer = "HTTP/1.0 200 OK\r\n\r\nok".getBytes(StandardCharsets.US_ASCII);
        try (ScriptedTcpServer server = new ScriptedTcpServer((socket, srv) -> {
            ScriptedTcpServer.readHeader(socket.getInputStream());
            for (byte b : answer) {
                socket.getOutputStream().write(b);
                socket.getOutputStream().flush();
                Thread.sleep(100);
            }
        })) {
            HttpProbe probe = new HttpProbe(transport, ConnectOptions.to(server.address()).withTimeout(Duration.ofSeconds(1)),
                    HttpSettings.of(UrlSpec.path("/")), Optional.empty());
            long started = System.nanoTime();
            CheckResult result = probe.attempt().get(10, TimeUnit.SECONDS);
            long millis = (System.nanoTime() - started) / 1_000_000;
            System.out.println("trickled answer: " + result + " after " + millis + " ms");
            assertInstanceOf(CheckResult.Success.class, result);
            assertTrue(millis >= answer.length * 100L - 100, "the answer took " + millis + " ms");
        }
    }

    @Test
    void aConnectionThatIsNeverAcceptedTimesOutInTheConnectPhase() throws Exception {
        // A listener that never accepts: once its queue is full the kernel drops further SYNs,
        // so the connect stays in flight until the timeout.
        try (java.net.ServerSocket full = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            InetSocketAddress address = (InetSocketAddress) full.getLocalSocketAddress();
            List<java.net.Socket> queued = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    java.net.Socket filler = new java.net.Socket();
                    queued.add(filler);
                    try {
                        filler.connect(address, 200);
                    } catch (java.net.SocketTimeoutException full2) {
                        break;
                    }
                }
                HttpProbe probe = new HttpProbe(transport, ConnectOptions.to(address).withTimeout(Duration.ofMillis(300)),
                        HttpSettings.of(UrlSpec.path("/")), Optional.empty());
                long started = System.nanoTime();
                CheckResult result = probe.attempt().get(10, TimeUnit.SECONDS);
                long millis = (System.nanoTime() - started) / 1_000_000;
                System.out.println("unaccepted connection: " + result + " after " + millis + " ms");
                assertEquals(new CheckResult.TimedOut("connect", Duration.ofMillis(300)), result);
                assertTrue(millis >= 290 && millis < 2_000, "timed out after " + millis + " ms");
            } finally {
                for (java.net.Socket socket : queued) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void refusedConnectionFails() throws Exception {
        try (java.net.Socket refusing = ScriptedTcpServer.refusingPort()) {
            CheckResult result = check((InetSocketAddress) refusing.getLocalSocketAddress(), HttpSettings.of(UrlSpec.path("/")));
            assertTrue(assertInstanceOf(CheckResult.Failure.class, result).reason().contains("connect"), result.toString());
        }
    }
}
