package dev.vigil.daemon.controller;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.conf.model.KeepalivedConfig;
import dev.vigil.daemon.adapt.ControllerPlans;
import dev.vigil.daemon.adapt.TestConfigs;
import dev.vigil.daemon.alert.NotifyFifo;
import dev.vigil.healthcheck.CheckResult;
import dev.vigil.healthcheck.probe.CheckTransport;
import dev.vigil.healthcheck.probe.ProbeFactory;
import dev.vigil.ipvs.DestinationEntry;
import dev.vigil.ipvs.ServiceKey;
import dev.vigil.ipvs.VirtualTable;
import dev.vigil.ipvs.fake.FakeIpvsBackend;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole health path on loopback: real HTTP servers on 127.0.0.2 and 127.0.0.3, real
 * HTTP_GET checkers at a 0.2 s delay_loop, the fake IPVS table, real notify scripts writing
 * marker files and the lvs_notify_fifo on a real named pipe.
 */
class HealthControllerComponentTest {

    private static final Logger LOG = LoggerFactory.getLogger(HealthControllerComponentTest.class);
    private static final Duration DELAY_LOOP = Duration.ofMillis(200);
    private static final Duration CONNECT_TIMEOUT = Duration.ofMillis(300);
    private static final Duration DELAY_BEFORE_RETRY = Duration.ofMillis(100);
    private static final int RETRY = 1;
    /** Room for scheduling, the reconciliation and a busy 2-core machine. */
    private static final Duration MARGIN = Duration.ofMillis(1500);
    private static final ServiceKey SERVICE = ServiceKey.tcp("10.0.0.1", 80);

    @TempDir
    Path dir;

    private LoopbackHttpServer first;
    private LoopbackHttpServer second;
    private CheckTransport transport;
    private HealthController controller;
    private NotifyFifo fifo;
    private final ByteArrayOutputStream fifoBytes = new ByteArrayOutputStream();

    @AfterEach
    void tearDown() throws IOException {
        if (controller != null) {
            controller.stop();
        }
        if (transport != null) {
            transport.close();
        }
        if (fifo != null) {
            fifo.close();
        }
        for (LoopbackHttpServer server : new LoopbackHttpServer[] {first, second}) {
            if (server != null) {
                server.close();
            }
        }
    }

    private String config(int port2, int port3, Path fifoPath) {
        return """
                global_defs {
                    lvs_notify_fifo %s
                }
                virtual_server 10.0.0.1 80 {
                    lb_algo wrr
                    lb_kind NAT
                    delay_loop 0.2
                    omega
                %s
                %s
                }
                """.formatted(fifoPath, realServer("127.0.0.2", port2, 2), realServer("127.0.0.3", port3, 3));
    }

    private String realServer(String address, int port, int weight) {
        String tag = address.substring(address.lastIndexOf('.') + 1);
        return """
                    real_server %s %d {
                        weight %d
                        notify_up "/bin/sh -c 'echo up >> %s'"
                        notify_down "/bin/sh -c 'echo down >> %s'"
                        HTTP_GET {
                            url {
                                path /health
                                status_code 200
                            }
                            connect_timeout 0.3
                            retry 1
                            delay_before_retry 0.1
                        }
                    }
                """.formatted(address, port, weight, dir.resolve("up-" + tag), dir.resolve("down-" + tag));
    }

    /**
     * Every checker has passed at least twice and every server is alive: on a loaded machine a
     * first attempt can time out and flap a server, which must not leak into the next phase.
     */
    private boolean everyCheckerPassedTwice() {
        return controller.status().virtualServers().getFirst().realServers().stream()
                .allMatch(rs -> rs.alive() && rs.checkers().getFirst().attempts() >= 2
                        && rs.checkers().getFirst().lastResult().map(CheckResult::isSuccess).orElse(false));
    }

    private void clearMarkers() throws IOException {
        for (String name : List.of("up-2", "down-2", "up-3", "down-3")) {
            Files.deleteIfExists(dir.resolve(name));
        }
    }

    /** Destination address → weight in the backend's table for the virtual service. */
    private Map<String, Integer> table() {
        VirtualTable snapshot = controller.snapshot();
        return snapshot.service(SERVICE).map(s -> s.destinations().stream().collect(Collectors.toMap(
                (DestinationEntry d) -> d.destination().address().toString(), d -> d.destination().weight())))
                .orElse(Map.of());
    }

    private String fifoText() {
        synchronized (fifoBytes) {
            return fifoBytes.toString(StandardCharsets.UTF_8);
        }
    }

    private void readFifo(Path path) {
        Thread.ofPlatform().daemon().start(() -> {
            try (InputStream in = Files.newInputStream(path)) {
                byte[] buffer = new byte[512];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    synchronized (fifoBytes) {
                        fifoBytes.write(buffer, 0, n);
                    }
                }
            } catch (IOException e) {
                // the pipe is removed at the end of the test
            }
        });
    }

    @Test
    void aStoppedServerLeavesTheTableInTimeAndComesBackWhenRestarted() throws Exception {
        first = LoopbackHttpServer.start("127.0.0.2", 0);
        second = LoopbackHttpServer.start("127.0.0.3", 0);
        int port2 = first.port();
        first.warmUp();
        second.warmUp();
        Path fifoPath = dir.resolve("lvs.fifo");
        KeepalivedConfig config = TestConfigs.load(config(port2, second.port(), fifoPath));
        ControllerPlans.Result plans = ControllerPlans.from(config);
        assertTrue(plans.issues().isEmpty(), plans.issues()::toString);

        fifo = NotifyFifo.open(Path.of(config.globalDefs().lvsNotifyFifo().orElseThrow().path()), 64);
        readFifo(fifoPath);
        transport = CheckTransport.create(1);
        FakeIpvsBackend backend = new FakeIpvsBackend();
        HealthController.Options options = HealthController.Options.defaults()
                .withBootstrapDelay(Duration.ofMillis(50));
        try (ScriptRunner scripts = new ScriptRunner(Duration.ofSeconds(5), false)) {
            controller = HealthController.start(plans.plans(), backend,
                    new ProbeFactory(transport, new SplittableRandom(2)), (event, mail) -> fifo.write(event), scripts,
                    options);
            assertEquals(Map.of("127.0.0.2", 2, "127.0.0.3", 3), table(), "non-alpha servers start in service");
            await().atMost(Duration.ofSeconds(10)).until(this::everyCheckerPassedTwice);
            clearMarkers();

            Duration leaveBound = DELAY_LOOP.plus(CONNECT_TIMEOUT.multipliedBy(RETRY + 1))
                    .plus(DELAY_BEFORE_RETRY.multipliedBy(RETRY)).plus(MARGIN);
            first.close();
            long stopped = System.nanoTime();
            await().atMost(leaveBound).pollInterval(Duration.ofMillis(10))
                    .until(() -> table().equals(Map.of("127.0.0.3", 3)));
            long leftMillis = (System.nanoTime() - stopped) / 1_000_000;
            LOG.info("stopped real server left the table after {} ms (bound {} ms)", leftMillis, leaveBound.toMillis());
            await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(dir.resolve("down-2")));
            assertEquals("down\n", Files.readString(dir.resolve("down-2")));
            String downLine = "RS [127.0.0.2]:tcp:" + port2 + " [10.0.0.1]:tcp:80 DOWN\n";
            await().atMost(Duration.ofSeconds(5)).until(() -> fifoText().contains(downLine));

            first = LoopbackHttpServer.start("127.0.0.2", port2);
            first.warmUp();
            long restarted = System.nanoTime();
            Duration returnBound = DELAY_LOOP.plus(CONNECT_TIMEOUT).plus(MARGIN);
            await().atMost(returnBound).pollInterval(Duration.ofMillis(10))
                    .until(() -> table().equals(Map.of("127.0.0.2", 2, "127.0.0.3", 3)));
            LOG.info("restarted real server returned after {} ms (bound {} ms)",
                    (System.nanoTime() - restarted) / 1_000_000, returnBound.toMillis());
            await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(dir.resolve("up-2")));
            assertEquals("up\n", Files.readString(dir.resolve("up-2")));
            String upLine = "RS [127.0.0.2]:tcp:" + port2 + " [10.0.0.1]:tcp:80 UP\n";
            await().atMost(Duration.ofSeconds(5)).until(() -> fifoText().contains(upLine));

            ControllerStatus.VirtualServer status = controller.status().virtualServers().getFirst();
            assertTrue(status.quorumUp());
            assertEquals(5, status.aliveWeight());
            assertTrue(status.realServers().stream().allMatch(rs -> rs.checkers().getFirst().lastResult()
                    .map(CheckResult::isSuccess).orElse(false)), status::toString);

            await().atMost(Duration.ofSeconds(10)).until(this::everyCheckerPassedTwice);
            clearMarkers();
            controller.stop();
            assertEquals(List.of(), backend.snapshot().services(), "stop removes the controller's services");
            assertEquals("down\n", Files.readString(dir.resolve("down-3")), "omega runs notify_down at stop");
            await().atMost(Duration.ofSeconds(5)).until(() -> fifoText().contains("VS [10.0.0.1]:tcp:80 DOWN\n"));
        }
    }
}
