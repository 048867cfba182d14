package dev.vigil.healthcheck.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.healthcheck.CheckResult;
import dev.vigil.healthcheck.ConnectOptions;
import io.netty.channel.epoll.Epoll;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TcpProbeTest {

    static java.util.List<org.junit.jupiter.params.provider.Arguments> transports() {
        return Transports.available();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void listeningPortIsUpAndClosedPortIsDown(String name, boolean epoll) throws Exception {
        try (CheckTransport transport = CheckTransport.create(1, epoll)) {
            assertEquals(epoll, transport.isEpoll());
            try (ScriptedTcpServer server = new ScriptedTcpServer((socket, srv) -> srv.record("accepted"))) {
                CheckResult up = new TcpProbe(transport, ConnectOptions.to(server.address())).attempt().get(10, TimeUnit.SECONDS);
                assertInstanceOf(CheckResult.Success.class, up);
            }
            try (Socket refusing = ScriptedTcpServer.refusingPort()) {
                InetSocketAddress target = (InetSocketAddress) refusing.getLocalSocketAddress();
                CheckResult down = new TcpProbe(transport, ConnectOptions.to(target)).attempt().get(10, TimeUnit.SECONDS);
                assertTrue(assertInstanceOf(CheckResult.Failure.class, down).reason().contains("refused"), down.toString());
            }
        }
    }

    @Test
    void bindsToTheConfiguredSourceAddress() throws Exception {
        try (CheckTransport transport = CheckTransport.create(1);
             ScriptedTcpServer server = new ScriptedTcpServer((socket, srv) ->
                     srv.record(socket.getInetAddress().getHostAddress() + ":" + socket.getPort()))) {
            // 127.0.0.2 is a loopback address on Linux (127.0.0.0/8 is routed to lo).
            ConnectOptions options = new ConnectOptions(server.address(),
                    Optional.of(new InetSocketAddress("127.0.0.2", 0)), Duration.ofSeconds(2));
            assertInstanceOf(CheckResult.Success.class, new TcpProbe(transport, options).attempt().get(10, TimeUnit.SECONDS));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !server.records().isEmpty());
            assertTrue(server.records().getFirst().startsWith("127.0.0.2:"), server.records().getFirst());
        }
    }

    @Test
    void reportsWhetherEpollIsInUse() {
        try (CheckTransport transport = CheckTransport.create(1)) {
            assertEquals(Epoll.isAvailable(), transport.isEpoll());
        }
    }

    @Test
    void bindInterfaceAndFwmarkAreSetOnEpollSockets() throws Exception {
        Assumptions.assumeTrue(Epoll.isAvailable(), "needs the native epoll transport");
        try (CheckTransport transport = CheckTransport.create(1, true);
             ScriptedTcpServer server = new ScriptedTcpServer((socket, srv) -> srv.record("accepted"))) {
            ConnectOptions lo = ConnectOptions.to(server.address()).withBindInterface("lo");
            assertInstanceOf(CheckResult.Success.class, new TcpProbe(transport, lo).attempt().get(10, TimeUnit.SECONDS));

            ConnectOptions missing = ConnectOptions.to(server.address()).withBindInterface("nosuchif0");
            CheckResult noDevice = new TcpProbe(transport, missing).attempt().get(10, TimeUnit.SECONDS);
            assertTrue(assertInstanceOf(CheckResult.Failure.class, noDevice).reason().contains("bind_if nosuchif0"),
                    noDevice.toString());

            // SO_MARK needs CAP_NET_ADMIN; without it the attempt must fail, not silently go unmarked.
            CheckResult marked = new TcpProbe(transport, ConnectOptions.to(server.address()).withFwmark(7))
                    .attempt().get(10, TimeUnit.SECONDS);
            if ("root".equals(System.getProperty("user.name"))) {
                assertInstanceOf(CheckResult.Success.class, marked);
            } else {
                assertTrue(assertInstanceOf(CheckResult.Failure.class, marked).reason().contains("fwmark"), marked.toString());
            }
        }
    }

    @Test
    void nioCannotBindToAnInterface() throws Exception {
        try (CheckTransport transport = CheckTransport.create(1, false);
             ScriptedTcpServer server = new ScriptedTcpServer((socket, srv) -> srv.record("accepted"))) {
            CheckResult result = new TcpProbe(transport, ConnectOptions.to(server.address()).withFwmark(1))
                    .attempt().get(10, TimeUnit.SECONDS);
            assertTrue(assertInstanceOf(CheckResult.Failure.class, result).reason().contains("epoll"), result.toString());
        }
    }
}
