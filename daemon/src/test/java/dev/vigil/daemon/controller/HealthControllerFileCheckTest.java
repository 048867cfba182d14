package dev.vigil.daemon.controller;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.daemon.adapt.ControllerPlans;
import dev.vigil.daemon.adapt.TestConfigs;
import dev.vigil.daemon.alert.AlertEvent;
import dev.vigil.healthcheck.probe.CheckTransport;
import dev.vigil.healthcheck.probe.ProbeFactory;
import dev.vigil.ipvs.DestinationEntry;
import dev.vigil.ipvs.ServiceKey;
import dev.vigil.ipvs.fake.FakeIpvsBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FILE_CHECK in the runtime (keepalived check_file.c): a track_file with weight 0 takes its real
 * server out while it holds a non-zero number; one with a weight moves the server's weight by
 * the number times the weight, down to 0 without taking it out; neither mails.
 */
class HealthControllerFileCheckTest {

    private static final ServiceKey SERVICE = ServiceKey.tcp("10.0.0.1", 80);
    /** A read a second, and a busy machine. */
    private static final Duration SETTLE = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private CheckTransport transport;
    private ScriptRunner scripts;
    private HealthController controller;
    private final List<AlertEvent> alerts = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        transport = CheckTransport.create(1);
        scripts = new ScriptRunner(Duration.ofSeconds(5), false);
    }

    @AfterEach
    void tearDown() {
        if (controller != null) {
            controller.stop();
        }
        scripts.close();
        transport.close();
    }

    private Map<String, Integer> table(FakeIpvsBackend backend) {
        return backend.snapshot().service(SERVICE).map(s -> s.destinations().stream().collect(Collectors.toMap(
                (DestinationEntry d) -> d.destination().address().toString(), d -> d.destination().weight())))
                .orElse(Map.of());
    }

    @Test
    void aSwitchFileTakesItsServerOutAndAWeightedOneMovesTheWeight() throws Exception {
        ControllerPlans.Result plans = TestConfigs.plans("""
                track_file maint {
                    file %s
                }
                track_file load {
                    file %s
                    weight 10
                }
                virtual_server 10.0.0.1 80 {
                    lb_algo wrr
                    lb_kind DR
                    real_server 10.0.1.1 80 {
                        weight 5
                        smtp_alert
                        FILE_CHECK {
                            track_file maint
                            weight 0
                        }
                    }
                    real_server 10.0.1.2 80 {
                        weight 100
                        FILE_CHECK {
                            track_file load
                        }
                    }
                }
                """.formatted(dir.resolve("maint"), dir.resolve("load")));
        assertTrue(plans.issues().isEmpty(), plans.issues()::toString);
        FakeIpvsBackend backend = new FakeIpvsBackend();
        controller = HealthController.start(plans.plans(), backend, new ProbeFactory(transport, new SplittableRandom()),
                (event, mail) -> alerts.add(event), scripts, HealthController.Options.defaults().withBootstrapDelay(Duration.ofMillis(20)));
        assertEquals(Map.of("10.0.1.1", 5, "10.0.1.2", 100), table(backend), "missing files hold 0");

        Files.writeString(dir.resolve("maint"), "1\n");
        await().atMost(SETTLE).until(() -> table(backend).equals(Map.of("10.0.1.2", 100)));
        Files.writeString(dir.resolve("maint"), "0\n");
        await().atMost(SETTLE).until(() -> table(backend).equals(Map.of("10.0.1.1", 5, "10.0.1.2", 100)));

        Files.writeString(dir.resolve("load"), "3\n");
        await().atMost(SETTLE).until(() -> table(backend).equals(Map.of("10.0.1.1", 5, "10.0.1.2", 130)));
        Files.writeString(dir.resolve("load"), "-20\n");
        await().atMost(SETTLE).until(() -> table(backend).equals(Map.of("10.0.1.1", 5, "10.0.1.2", 0)));
        assertEquals(5, controller.status().virtualServers().getFirst().aliveWeight(),
                "weight 0, but alive: keepalived keeps the server in the table");
        Files.delete(dir.resolve("load"));
        await().atMost(SETTLE).until(() -> table(backend).equals(Map.of("10.0.1.1", 5, "10.0.1.2", 100)));

        assertTrue(alerts.stream().anyMatch(e -> e instanceof AlertEvent.RealServerStateChanged s && !s.up()),
                alerts::toString);
        assertTrue(alerts.stream().noneMatch(AlertEvent.RealServerChecked.class::isInstance),
                () -> "FILE_CHECK sends no checker mail: " + alerts);
    }
}
