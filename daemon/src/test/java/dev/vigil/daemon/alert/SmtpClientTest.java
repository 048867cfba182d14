package dev.vigil.daemon.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dialogue on the wire, against a scripted loopback server. */
class SmtpClientTest {

    static final String DATA = "Date: x\r\nFrom: lb@example.org\r\n\r\nbody\r\n\r\n.\r\n";
    static EventLoopGroup group;

    @BeforeAll
    static void startGroup() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stopGroup() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    static SmtpSettings settings(int port, Duration timeout) {
        return SmtpSettings.of("127.0.0.1", "director1", "Load Balancer <lb@example.org>",
                List.of("a@example.org", "Bob <b@example.org>"), "LVS_DEVEL").withPort(port).withTimeout(timeout);
    }

    static SmtpOutcome deliver(SmtpSettings settings) throws Exception {
        return new SmtpClient(group, settings).deliver(DATA.getBytes(StandardCharsets.US_ASCII))
                .get(10, TimeUnit.SECONDS);
    }

    @Test
    void sendsKeepalivedsExactBytesAndReadsMultiLineReplies() throws Exception {
        try (FakeSmtpServer server = new FakeSmtpServer("220-mail.example.org ESMTP\r\n220-no UCE\r\n220 ready\r\n",
                line -> line.startsWith("HELO") ? "250-mail.example.org\r\n250-SIZE 1000\r\n250 8BITMIME\r\n"
                        : FakeSmtpServer.happyPath(line))) {
            SmtpOutcome outcome = deliver(settings(server.port(), Duration.ofSeconds(5)));
            assertInstanceOf(SmtpOutcome.Delivered.class, outcome);
            assertEquals("HELO director1\r\n"
                    + "MAIL FROM:<lb@example.org>\r\n"
                    + "RCPT TO:<a@example.org>\r\n"
                    + "RCPT TO:<b@example.org>\r\n"
                    + "DATA\r\n"
                    + DATA
                    + "QUIT\r\n", awaitTranscript(server, "QUIT\r\n"));
        }
    }

    @Test
    void aRejectedRecipientEndsWithQuit() throws Exception {
        try (FakeSmtpServer server = new FakeSmtpServer("220 ready\r\n",
                line -> line.equals("RCPT TO:<b@example.org>") ? "550-no such\r\n550 user\r\n"
                        : FakeSmtpServer.happyPath(line))) {
            SmtpOutcome outcome = deliver(settings(server.port(), Duration.ofSeconds(5)));
            assertEquals(new SmtpOutcome.Rejected(SmtpStage.RCPT, 550, "550 user"), outcome);
            assertEquals("HELO director1\r\nMAIL FROM:<lb@example.org>\r\nRCPT TO:<a@example.org>\r\n"
                    + "RCPT TO:<b@example.org>\r\nQUIT\r\n", awaitTranscript(server, "QUIT\r\n"));
        }
    }

    @Test
    void aStalledReplyTimesOutAndQuits() throws Exception {
        try (FakeSmtpServer server = new FakeSmtpServer("220 ready\r\n",
                line -> line.startsWith("MAIL") ? null : FakeSmtpServer.happyPath(line))) {
            long start = System.nanoTime();
            SmtpOutcome outcome = deliver(settings(server.port(), Duration.ofMillis(300)));
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(new SmtpOutcome.TimedOut(SmtpStage.MAIL), outcome);
            // One timeout for MAIL, a second one for the unanswered QUIT.
            assertTrue(elapsedMillis >= 550, "took " + elapsedMillis + " ms");
            assertEquals("HELO director1\r\nMAIL FROM:<lb@example.org>\r\nQUIT\r\n", awaitTranscript(server, "QUIT\r\n"));
        }
    }

    @Test
    void aServerThatNeverGreetsTimesOut() throws Exception {
        try (FakeSmtpServer server = new FakeSmtpServer(null, FakeSmtpServer::happyPath)) {
            assertEquals(new SmtpOutcome.TimedOut(SmtpStage.GREETING),
                    deliver(settings(server.port(), Duration.ofMillis(200))));
        }
    }

    @Test
    void aClosedPortFailsToConnect() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        SmtpOutcome outcome = deliver(settings(port, Duration.ofSeconds(2)));
        SmtpOutcome.ConnectionFailed failed = assertInstanceOf(SmtpOutcome.ConnectionFailed.class, outcome);
        assertEquals(SmtpStage.CONNECT, failed.stage());
        assertTrue(failed.retryable());
    }

    @Test
    void aReplyLongerThanKeepalivedsBufferQuits() throws Exception {
        try (FakeSmtpServer server = new FakeSmtpServer("220 " + "x".repeat(2000) + "\r\n", FakeSmtpServer::happyPath)) {
            SmtpOutcome outcome = deliver(settings(server.port(), Duration.ofSeconds(2)));
            assertEquals(new SmtpOutcome.ReplyTooLong(SmtpStage.GREETING), outcome);
            assertEquals("QUIT\r\n", awaitTranscript(server, "QUIT\r\n"));
        }
    }

    /** The server records bytes on its own thread; wait until the expected last command arrived. */
    static String awaitTranscript(FakeSmtpServer server, String suffix) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> server.connections() > 0 && server.transcript(0).endsWith(suffix));
        return server.transcript(0);
    }

}
