package dev.vigil.daemon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.daemon.Main;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GenhashCommandTest {

    private static final byte[] BODY = "<html>vigil genhash test body</html>\n".getBytes(StandardCharsets.US_ASCII);

    private HttpServer server;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/page", exchange -> {
            exchange.sendResponseHeaders(200, BODY.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(BODY);
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private int port() {
        return server.getAddress().getPort();
    }

    @Test
    void printsTheMd5OfTheBody() throws NoSuchAlgorithmException {
        int code = Main.run(new String[] {"genhash", "-s", "127.0.0.1", "-p", String.valueOf(port()), "-u", "/page"},
                new PrintWriter(out, true), new PrintWriter(err, true));
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(BODY));
        assertEquals(0, code, err.toString());
        assertTrue(out.toString().contains(expected), out.toString());
    }

    @Test
    void outputEqualsKeepalivedGenhash() throws IOException, InterruptedException {
        Path genhash = Path.of("/usr/bin/genhash");
        assumeTrue(Files.isExecutable(genhash), "keepalived's genhash is not installed (apt-get install keepalived)");
        Process process = new ProcessBuilder(genhash.toString(), "-s", "127.0.0.1", "-p", String.valueOf(port()),
                "-u", "/page").redirectErrorStream(true).start();
        assertTrue(process.waitFor(20, TimeUnit.SECONDS), "genhash did not finish");
        String theirs = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(theirs.length() > 0, "keepalived's genhash printed nothing");

        int code = Main.run(new String[] {"genhash", "-s", "127.0.0.1", "-p", String.valueOf(port()), "-u", "/page"},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(process.exitValue(), code);
        assertEquals(theirs, out.toString() + err.toString());
    }

    private static String keepalivedGenhash(Path genhash, int port) {
        try {
            Process process = new ProcessBuilder(genhash.toString(), "-s", "127.0.0.1", "-p", String.valueOf(port),
                    "-u", "/").redirectErrorStream(true).start();
            assertTrue(process.waitFor(20, TimeUnit.SECONDS), "genhash did not finish");
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void refusedConnectionIsReportedLikeKeepalived() {
        int closedPort = port();
        server.stop(0);
        int code = Main.run(new String[] {"genhash", "-s", "127.0.0.1", "-p", String.valueOf(closedPort), "-u", "/"},
                new PrintWriter(out, true), new PrintWriter(err, true));
        String ours = out.toString() + err.toString();
        assertTrue(ours.contains("127.0.0.1") || ours.toLowerCase(java.util.Locale.ROOT).contains("connect"),
                "the failure does not say what failed: " + ours);
        Path genhash = Path.of("/usr/bin/genhash");
        if (Files.isExecutable(genhash)) {
            assertEquals(keepalivedGenhash(genhash, closedPort), ours);
        }
    }
}
