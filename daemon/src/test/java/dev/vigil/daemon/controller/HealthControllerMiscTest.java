package dev.vigil.daemon.controller;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.daemon.adapt.ControllerPlans;
import dev.vigil.daemon.adapt.TestConfigs;
import dev.vigil.daemon.alert.AlertEvent;
import dev.vigil.healthcheck.probe.CheckTransport;
import dev.vigil.healthcheck.probe.ProbeFactory;
import dev.vigil.ipvs.Destination;
import dev.vigil.ipvs.DestinationEntry;
import dev.vigil.ipvs.DestinationKey;
import dev.vigil.ipvs.IpvsBackend;
import dev.vigil.ipvs.IpvsError;
import dev.vigil.ipvs.IpvsResult;
import dev.vigil.ipvs.ServiceKey;
import dev.vigil.ipvs.VirtualService;
import dev.vigil.ipvs.VirtualTable;
import dev.vigil.ipvs.fake.FakeIpvsBackend;
import java.io.IOException;
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
 * The runtime with MISC_CHECK scripts whose exit status a test controls through files: quorum
 * loss brings the sorry server in, misc_dynamic changes weights, and a backend that refuses
 * commands is retried until the table converges. And FILE_CHECK (keepalived check_file.c): a
 * track_file with weight 0 takes its real server out while it holds a non-zero number; one
 * with a weight moves the server's weight by the number times the weight, down to 0 without
 * taking it out; neither mails.
 */
class HealthControllerMiscTest {

    private static final ServiceKey SERVICE = ServiceKey.tcp("10.0.0.1", 80);
    private static final Duration SETTLE = Duration.ofSeconds(5);
    /** FILE_CHECK reads once a second; a busy machine. */
    private static final Duration FILE_SETTLE = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private CheckTransport transport;
    private ScriptRunner scripts;
    private HealthController controller;
    private final List<AlertEvent> alerts = new CopyOnWriteArrayList<>();

    /** A backend that refuses destination changes while {@link #refusing} is set. */
    static final class RefusingBackend implements IpvsBackend {
        final FakeIpvsBackend table = new FakeIpvsBackend();
        /** Every destination address ever asked to be added, in order. */
        final List<String> added = new CopyOnWriteArrayList<>();
        volatile boolean refusing;

        private IpvsResult refusedOr(java.util.function.Supplier<IpvsResult> operation) {
            return refusing ? IpvsResult.failed(IpvsError.UNAVAILABLE, "test refuses") : operation.get();
        }

        @Override
        public IpvsResult addService(VirtualService service) {
            return table.addService(service);
        }

        @Override
        public IpvsResult editService(VirtualService service) {
            return table.editService(service);
        }

        @Override
        public IpvsResult deleteService(ServiceKey key) {
            return table.deleteService(key);
        }

        @Override
        public IpvsResult addDestination(ServiceKey service, Destination destination) {
            added.add(destination.address().toString());
            return refusedOr(() -> table.addDestination(service, destination));
        }

        @Override
        public IpvsResult editDestination(ServiceKey service, Destination destination) {
            return refusedOr(() -> table.editDestination(service, destination));
        }

        @Override
        public IpvsResult deleteDestination(ServiceKey service, DestinationKey destination) {
            return refusedOr(() -> table.deleteDestination(service, destination));
        }

        @Override
        public IpvsResult flush() {
            return table.flush();
        }

        @Override
        public VirtualTable snapshot() {
            return table.snapshot();
        }
    }

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

    private void status(String server, int exit) throws IOException {
        Files.writeString(dir.resolve("status-" + server), exit + "\n");
    }

    private String config() {
        return """
                virtual_server 10.0.0.1 80 {
                    lb_algo wrr
                    lb_kind DR
                    delay_loop 0.2
                    quorum 2
                    quorum_down "/bin/sh -c 'echo down >> %s'"
                    sorry_server 10.0.9.9 80
                %s
                %s
                }
                """.formatted(dir.resolve("quorum"), realServer("10.0.1.1", "a"), realServer("10.0.1.2", "b"));
    }

    private String realServer(String address, String name) {
        return """
                    real_server %s 80 {
                        MISC_CHECK {
                            misc_path "/bin/sh -c 'exit $(cat %s)'"
                            misc_timeout 2
                            misc_dynamic
                        }
                    }
                """.formatted(address, dir.resolve("status-" + name));
    }

    private Map<String, Integer> table(IpvsBackend backend) {
        return backend.snapshot().service(SERVICE).map(s -> s.destinations().stream().collect(Collectors.toMap(
                (DestinationEntry d) -> d.destination().address().toString(), d -> d.destination().weight())))
                .orElse(Map.of());
    }

    private void start(IpvsBackend backend) {
        ControllerPlans.Result plans = TestConfigs.plans(config());
        assertTrue(plans.issues().isEmpty(), plans.issues()::toString);
        controller = HealthController.start(plans.plans(), backend, new ProbeFactory(transport, new SplittableRandom()),
                (event, mail) -> alerts.add(event), scripts, HealthController.Options.defaults()
                        .withBootstrapDelay(Duration.ofMillis(20)).withReconcileRetry(Duration.ofMillis(100)));
    }

    @Test
    void quorumLossBringsTheSorryServerAndMiscDynamicSetsWeights() throws Exception {
        status("a", 0);
        status("b", 0);
        FakeIpvsBackend backend = new FakeIpvsBackend();
        start(backend);
        assertEquals(Map.of("10.0.1.1", 1, "10.0.1.2", 1), table(backend));

        status("a", 1);
        await().atMost(SETTLE).until(() -> table(backend).equals(Map.of("10.0.9.9", 1)));
        await().atMost(SETTLE).until(() -> Files.exists(dir.resolve("quorum")));
        assertFalse(controller.status().virtualServers().getFirst().quorumUp());

        status("a", 0);
        await().atMost(SETTLE).until(() -> table(backend).equals(Map.of("10.0.1.1", 1, "10.0.1.2", 1)));

        status("b", 7);
        await().atMost(SETTLE).until(() -> table(backend).equals(Map.of("10.0.1.1", 1, "10.0.1.2", 5)));
        assertEquals(6, controller.status().virtualServers().getFirst().aliveWeight());
        assertTrue(alerts.stream().anyMatch(e -> e instanceof AlertEvent.QuorumChanged q && q.up()));
    }

    /**
     * A reload keeps the weight a misc_dynamic checker set: when the server's configured weight
     * changes (carried), and when another checker is added to it (migrated), until the script
     * reports another one.
     */
    @Test
    void aReloadKeepsTheWeightAnUnchangedDynamicCheckerSet() throws Exception {
        status("a", 0);
        status("b", 7);
        FakeIpvsBackend backend = new FakeIpvsBackend();
        start(backend);
        await().atMost(SETTLE).until(() -> table(backend).equals(Map.of("10.0.1.1", 1, "10.0.1.2", 5)));
        String track = "track_file f {\n    file " + dir.resolve("f") + "\n}\n";
        String reweighted = track + config().replace("real_server 10.0.1.2 80 {", "real_server 10.0.1.2 80 {\n weight 3");
        ServerDiff carried = controller.reconfigure(TestConfigs.plans(reweighted).plans());
        assertEquals(0, carried.realServersRestarted());
        assertEquals(Map.of("10.0.1.1", 1, "10.0.1.2", 5), table(backend), "carried with a new weight");
        ServerDiff migrated = controller.reconfigure(TestConfigs.plans(reweighted.replace("real_server 10.0.1.2 80 {",
                "real_server 10.0.1.2 80 {\n FILE_CHECK {\n track_file f\n weight 0\n }")).plans());
        assertEquals(1, migrated.realServersRestarted());
        assertEquals(Map.of("10.0.1.1", 1, "10.0.1.2", 5), table(backend), "the MISC_CHECK migrated with its weight");
        Thread.sleep(1_500);
        assertEquals(Map.of("10.0.1.1", 1, "10.0.1.2", 5), table(backend), "and no later result changed it");
    }

    /**
     * keepalived reads a FILE_CHECK's file before it adds the server, at start and at a reload:
     * a server its file holds out never enters the table, not even for a moment, and one its
     * file lets in is there as soon as start returns (no bootstrap delay).
     */
    @Test
    void aServerItsFileHoldsOutNeverEntersTheTable() throws Exception {
        Files.writeString(dir.resolve("maint"), "1\n");
        Files.writeString(dir.resolve("ok"), "0\n");
        String files = """
                track_file maint {
                    file %s
                }
                track_file ok {
                    file %s
                }
                """.formatted(dir.resolve("maint"), dir.resolve("ok"));
        String first = """
                virtual_server 10.0.0.1 80 {
                    lb_algo wrr
                    lb_kind DR
                    real_server 10.0.1.1 80 {
                        FILE_CHECK {
                            track_file maint
                            weight 0
                        }
                    }
                    real_server 10.0.1.3 80 {
                        FILE_CHECK {
                            track_file ok
                            weight 0
                        }
                    }
                }
                """;
        ControllerPlans.Result plans = TestConfigs.plans(files + first);
        RefusingBackend backend = new RefusingBackend();
        controller = HealthController.start(plans.plans(), backend, new ProbeFactory(transport, new SplittableRandom()),
                (event, mail) -> alerts.add(event), scripts, HealthController.Options.defaults()
                        .withBootstrapDelay(Duration.ofMinutes(10)));
        assertEquals(List.of("10.0.1.3"), backend.added);
        assertEquals(Map.of("10.0.1.3", 1), table(backend));

        String second = first.replace("""
                    real_server 10.0.1.3 80 {""", """
                    real_server 10.0.1.2 80 {
                        FILE_CHECK {
                            track_file maint
                            weight 0
                        }
                    }
                    real_server 10.0.1.3 80 {""");
        controller.reconfigure(TestConfigs.plans(files + second).plans());
        assertEquals(List.of("10.0.1.3"), backend.added, "the reload added a server its file holds out");
        assertEquals(Map.of("10.0.1.3", 1), table(backend));

        Files.writeString(dir.resolve("maint"), "0\n");
        await().atMost(FILE_SETTLE).until(() -> table(backend).size() == 3);
    }

    @Test
    void aRefusedReconciliationIsRetriedUntilTheTableConverges() throws Exception {
        status("a", 0);
        status("b", 0);
        RefusingBackend backend = new RefusingBackend();
        start(backend);
        backend.refusing = true;
        status("b", 1);
        await().atMost(SETTLE).until(() -> !controller.lastApply().isComplete());
        assertEquals(Map.of("10.0.1.1", 1, "10.0.1.2", 1), table(backend), "refused: unchanged");
        backend.refusing = false;
        await().atMost(SETTLE).until(() -> table(backend).equals(Map.of("10.0.9.9", 1)));
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
        await().atMost(FILE_SETTLE).until(() -> table(backend).equals(Map.of("10.0.1.2", 100)));
        Files.writeString(dir.resolve("maint"), "0\n");
        await().atMost(FILE_SETTLE).until(() -> table(backend).equals(Map.of("10.0.1.1", 5, "10.0.1.2", 100)));

        Files.writeString(dir.resolve("load"), "3\n");
        await().atMost(FILE_SETTLE).until(() -> table(backend).equals(Map.of("10.0.1.1", 5, "10.0.1.2", 130)));
        Files.writeString(dir.resolve("load"), "-20\n");
        await().atMost(FILE_SETTLE).until(() -> table(backend).equals(Map.of("10.0.1.1", 5, "10.0.1.2", 0)));
        assertEquals(5, controller.status().virtualServers().getFirst().aliveWeight(),
                "weight 0, but alive: keepalived keeps the server in the table");
        Files.delete(dir.resolve("load"));
        await().atMost(FILE_SETTLE).until(() -> table(backend).equals(Map.of("10.0.1.1", 5, "10.0.1.2", 100)));

        assertTrue(alerts.stream().anyMatch(e -> e instanceof AlertEvent.RealServerStateChanged s && !s.up()),
                alerts::toString);
        assertTrue(alerts.stream().noneMatch(AlertEvent.RealServerChecked.class::isInstance),
                () -> "FILE_CHECK sends no checker mail: " + alerts);
    }
}
