package dev.vigil.healthcheck.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.healthcheck.CheckResult;
import dev.vigil.healthcheck.CheckSpec;
import dev.vigil.healthcheck.ConnectOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SmtpProbeTest {

    private static CheckTransport transport;

    @BeforeAll
    static void startTransport() {
        transport = CheckTransport.create(1);
    }

    @AfterAll
    static void stopTransport() {
        transport.close();
    }

    /** A fake SMTP server: sends {@code banner}, records each client line, answers with {@code replies}. */
    private static ScriptedTcpServer server(String banner, String... replies) throws IOException {
        return new ScriptedTcpServer((socket, srv) -> {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            out.write(banner.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            for (String reply : replies) {
                String line = ScriptedTcpServer.readLine(in);
                if (line.isEmpty()) {
                    return;
                }
                srv.record(line);
                out.write(reply.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
            ScriptedTcpServer.readLine(in);
        });
    }

    private static CheckResult check(ScriptedTcpServer server, String helo) throws Exception {
        SmtpProbe probe = new SmtpProbe(transport, ConnectOptions.to(server.address()).withTimeout(Duration.ofMillis(800)), helo);
        return probe.attempt().get(10, TimeUnit.SECONDS);
    }

    @Test
    void bannerHeloQuitDialogue() throws Exception {
        try (ScriptedTcpServer server = server("220 mx.test ESMTP ready\r\n", "250 mx.test hello\r\n", "221 bye\r\n")) {
            CheckResult result = check(server, CheckSpec.SmtpCheck.DEFAULT_HELO_NAME);
            assertInstanceOf(CheckResult.Success.class, result);
            assertEquals(List.of("HELO smtpchecker.keepalived.org\r\n", "QUIT\r\n"), server.records());
        }
    }

    @Test
    void badBannerFailsBeforeHelo() throws Exception {
        try (ScriptedTcpServer server = server("554 go away\r\n", "250 ok\r\n")) {
            CheckResult result = check(server, "checker.example");
            assertTrue(assertInstanceOf(CheckResult.Failure.class, result).reason().contains("banner"), result.toString());
            assertEquals(List.of(), server.records());
        }
    }

    @Test
    void multiLineBannerIsNotAccepted() throws Exception {
        try (ScriptedTcpServer server = server("220-mx.test first line\r\n220 mx.test second\r\n", "250 ok\r\n")) {
            assertInstanceOf(CheckResult.Failure.class, check(server, "checker.example"));
        }
    }

    @Test
    void badHeloReplyFails() throws Exception {
        try (ScriptedTcpServer server = server("220 ready\r\n", "501 no\r\n", "221 bye\r\n")) {
            CheckResult result = check(server, "checker.example");
            assertTrue(assertInstanceOf(CheckResult.Failure.class, result).reason().contains("HELO"), result.toString());
            assertEquals(List.of("HELO checker.example\r\n"), server.records());
        }
    }

    @Test
    void closingBeforeTheQuitReplyFails() throws Exception {
        try (ScriptedTcpServer server = new ScriptedTcpServer((socket, srv) -> {
            socket.getOutputStream().write("220 ready\r\n".getBytes(StandardCharsets.ISO_8859_1));
            ScriptedTcpServer.readLine(socket.getInputStream());
            socket.getOutputStream().write("250 ok\r\n".getBytes(StandardCharsets.ISO_8859_1));
            ScriptedTcpServer.readLine(socket.getInputStream());
        })) {
            CheckResult result = check(server, "checker.example");
            assertTrue(assertInstanceOf(CheckResult.Failure.class, result).reason().contains("closed"), result.toString());
        }
    }

    @Test
    void silentServerTimesOut() throws Exception {
        try (ScriptedTcpServer server = new ScriptedTcpServer((socket, srv) -> socket.getInputStream().read())) {
            assertEquals(new CheckResult.TimedOut("read", Duration.ofMillis(800)), check(server, "checker.example"));
        }
    }
}
