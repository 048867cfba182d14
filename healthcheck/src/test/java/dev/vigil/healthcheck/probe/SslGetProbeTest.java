package dev.vigil.healthcheck.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.healthcheck.CheckResult;
import dev.vigil.healthcheck.ConnectOptions;
import dev.vigil.healthcheck.HttpProtocol;
import dev.vigil.healthcheck.HttpSettings;
import dev.vigil.healthcheck.Md5Digest;
import dev.vigil.healthcheck.TlsSettings;
import dev.vigil.healthcheck.UrlSpec;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SslGetProbeTest {

    private static final String BODY = "secure hello\n";

    @TempDir
    static Path certificates;
    private static TestCertificates server;
    private static TestCertificates stranger;
    private static CheckTransport transport;
    private static EventLoopGroup serverGroup;
    private static Channel serverChannel;
    /** SNI names the server saw, "(none)" for handshakes without SNI. */
    private static final List<String> serverNames = new CopyOnWriteArrayList<>();
    private static final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startTlsServer() throws Exception {
        List<TestCertificates> made = TestCertificates.generate(certificates, "localhost", "stranger");
        server = made.get(0);
        stranger = made.get(1);
        SslContext context = SslContextBuilder.forServer(server.keyManagers()).sslProvider(SslProvider.JDK).build();
        serverGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        serverChannel = new ServerBootstrap().group(serverGroup).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline().addLast(new SniHandler((hostname, promise) -> {
                            serverNames.add(hostname == null ? "(none)" : hostname);
                            return promise.setSuccess(context);
                        }), new Responder());
                    }
                })
                .bind(InetAddress.getLoopbackAddress(), 0).sync().channel();
        transport = CheckTransport.create(1);
    }

    @AfterAll
    static void stopTlsServer() {
        transport.close();
        serverChannel.close().syncUninterruptibly();
        serverGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Collects the request header, then answers and closes (with close_notify). */
    private static final class Responder extends ChannelInboundHandlerAdapter {
        private final StringBuilder request = new StringBuilder();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf data = (ByteBuf) msg;
            request.append(data.toString(StandardCharsets.ISO_8859_1));
            data.release();
            if (request.toString().endsWith("\r\n\r\n")) {
                requests.add(request.toString());
                ctx.writeAndFlush(Unpooled.copiedBuffer("HTTP/1.1 200 OK\r\nContent-Length: " + BODY.length()
                        + "\r\n\r\n" + BODY, StandardCharsets.ISO_8859_1)).addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    private static CheckResult check(HttpSettings http, TlsSettings tls) throws Exception {
        InetSocketAddress address = (InetSocketAddress) serverChannel.localAddress();
        HttpProbe probe = new HttpProbe(transport, ConnectOptions.to(address).withTimeout(Duration.ofSeconds(3)),
                http, Optional.of(tls));
        return probe.attempt().get(15, TimeUnit.SECONDS);
    }

    @Test
    void aServerThatNeverAnswersTheHandshakeTimesOutInTheHandshake() throws Exception {
        try (ScriptedTcpServer silent = new ScriptedTcpServer((socket, srv) -> {
            while (socket.getInputStream().read() >= 0) {
                // swallow the ClientHello and say nothing
            }
        })) {
            HttpProbe probe = new HttpProbe(transport, ConnectOptions.to(silent.address())
                    .withTimeout(Duration.ofMillis(400)), HttpSettings.of(UrlSpec.path("/")),
                    Optional.of(TlsSettings.defaults()));
            long started = System.nanoTime();
            CheckResult result = probe.attempt().get(10, TimeUnit.SECONDS);
            long millis = (System.nanoTime() - started) / 1_000_000;
            System.out.println("silent TLS server: " + result + " after " + millis + " ms");
            assertEquals(new CheckResult.TimedOut("TLS handshake", Duration.ofMillis(400)), result);
            assertTrue(millis >= 390 && millis < 2_000, "timed out after " + millis + " ms");
        }
    }

    @Test
    void fetchesOverTlsWithoutVerifyingTheCertificateByDefault() throws Exception {
        requests.clear();
        UrlSpec url = UrlSpec.path("/health").withDigest(new Md5Digest(HttpProbeTest.md5(BODY)));
        CheckResult result = check(HttpSettings.of(url), TlsSettings.defaults());
        assertInstanceOf(CheckResult.Success.class, result);
        assertTrue(requests.getFirst().startsWith("GET /health HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: 127.0.0.1:"),
                requests.getFirst());
    }

    @Test
    void sendsNoSniUnlessEnabledThenTheConfiguredName() throws Exception {
        serverNames.clear();
        HttpSettings http = new HttpSettings(List.of(UrlSpec.path("/")), HttpProtocol.HTTP_1_1, Optional.of("vhost.example"));
        assertInstanceOf(CheckResult.Success.class, check(http, TlsSettings.defaults()));
        assertInstanceOf(CheckResult.Success.class, check(http, TlsSettings.defaults().withSni("sni.example")));
        TlsSettings sniFromVhost = new TlsSettings(true, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
        assertInstanceOf(CheckResult.Success.class, check(http, sniFromVhost));
        assertEquals(List.of("(none)", "sni.example", "vhost.example"), serverNames);
    }

    @Test
    void aGivenCaIsEnforced() throws Exception {
        HttpSettings http = HttpSettings.of(UrlSpec.path("/"));
        assertInstanceOf(CheckResult.Success.class, check(http, TlsSettings.defaults().withCaFile(server.certificatePem())));
        CheckResult untrusted = check(http, TlsSettings.defaults().withCaFile(stranger.certificatePem()));
        assertTrue(assertInstanceOf(CheckResult.Failure.class, untrusted).reason().contains("TLS handshake"),
                untrusted.toString());
    }

    @Test
    void unreadableCaFileIsAFailureNotAnException() throws Exception {
        CheckResult result = check(HttpSettings.of(UrlSpec.path("/")),
                TlsSettings.defaults().withCaFile(certificates.resolve("missing.pem")));
        assertTrue(assertInstanceOf(CheckResult.Failure.class, result).reason().contains("TLS setup"), result.toString());
    }
}
