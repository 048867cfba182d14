package dev.vigil.daemon.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Vigil-only STARTTLS against the scripted server, with a certificate made by the JDK's keytool. */
class StartTlsTest {

    static final char[] PASSWORD = "changeit".toCharArray();
    static final String DATA = "Subject: s\r\n\r\nbody\r\n\r\n.\r\n";

    @TempDir
    static Path dir;
    static EventLoopGroup group;
    static KeyStore keys;

    @BeforeAll
    static void setUp() throws Exception {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        Path store = dir.resolve("smtp.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "smtp", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "san=ip:127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, keytool.waitFor(), output);
        keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD);
        }
    }

    @AfterAll
    static void tearDown() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    static SSLContext serverContext() throws Exception {
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        return context;
    }

    static SSLContext clientContext() throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("smtp", keys.getCertificate("smtp"));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    static String script(String line) {
        if (line.startsWith("EHLO")) {
            return "250-fake.example.org\r\n250 STARTTLS\r\n";
        }
        if (line.equals("STARTTLS")) {
            return "220 Ready to start TLS\r\n";
        }
        return FakeSmtpServer.happyPath(line);
    }

    static SmtpOutcome deliver(int port, Optional<SSLContext> context) throws Exception {
        SmtpSettings settings = SmtpSettings.of("127.0.0.1", "director1", "lb@example.org",
                        List.of("ops@example.org"), "LVS_DEVEL")
                .withPort(port).withTimeout(Duration.ofSeconds(5))
                .withExtensions(new SmtpExtensions(true, context, Optional.empty()));
        return new SmtpClient(group, settings).deliver(DATA.getBytes(StandardCharsets.US_ASCII))
                .get(15, TimeUnit.SECONDS);
    }

    @Test
    void upgradesThenGreetsAgain() throws Exception {
        try (FakeSmtpServer server = new FakeSmtpServer("220 ready\r\n", StartTlsTest::script, serverContext())) {
            assertInstanceOf(SmtpOutcome.Delivered.class, deliver(server.port(), Optional.of(clientContext())));
            assertEquals("EHLO director1\r\nSTARTTLS\r\n"
                    + "EHLO director1\r\nMAIL FROM:<lb@example.org>\r\nRCPT TO:<ops@example.org>\r\nDATA\r\n"
                    + DATA + "QUIT\r\n", SmtpClientTest.awaitTranscript(server, "QUIT\r\n"));
        }
    }

    @Test
    void anUntrustedCertificateFailsTheHandshake() throws Exception {
        try (FakeSmtpServer server = new FakeSmtpServer("220 ready\r\n", StartTlsTest::script, serverContext())) {
            SmtpOutcome.ConnectionFailed failed = assertInstanceOf(SmtpOutcome.ConnectionFailed.class,
                    deliver(server.port(), Optional.empty()));
            assertEquals(SmtpStage.TLS_HANDSHAKE, failed.stage());
        }
    }
}
