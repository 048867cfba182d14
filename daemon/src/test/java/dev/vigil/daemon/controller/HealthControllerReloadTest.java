package dev.vigil.daemon.controller;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.daemon.adapt.ControllerPlans;
import dev.vigil.daemon.adapt.TestConfigs;
import dev.vigil.healthcheck.CheckResult;
import dev.vigil.healthcheck.probe.CheckTransport;
import dev.vigil.healthcheck.probe.ProbeFactory;
import dev.vigil.ipvs.fake.FakeIpvsBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link HealthController#reconfigure} with real HTTP_GET checkers on loopback servers and the
 * fake IPVS table: the backend sees exactly the commands of the diff, a kept real server's
 * checker runs on without a new start (its attempt count grows, no notify), a removed alive
 * real server runs notify_down, an added one enters the table at once (not alpha).
 */
class HealthControllerReloadTest {

    @TempDir
    Path dir;

    private final List<LoopbackHttpServer> servers = new ArrayList<>();
    private CheckTransport transport;
    private HealthController controller;

    @AfterEach
    void tearDown() throws IOException {
        if (controller != null) {
            controller.stop();
        }
        if (transport != null) {
            transport.close();
        }
        for (LoopbackHttpServer server : servers) {
            server.close();
        }
    }

    private LoopbackHttpServer server(String address) throws IOException {
        LoopbackHttpServer server = LoopbackHttpServer.start(address, 0);
        server.warmUp();
        servers.add(server);
        return server;
    }

    /** A real server of 10.0.0.1 whose notify scripts write up-N / down-N. */
    private String realServer(LoopbackHttpServer server, String address, int weight) {
        return realServer(server, address, weight, "");
    }

    /** A real server whose notify scripts write up-N{suffix} / down-N{suffix}. */
    private String realServer(LoopbackHttpServer server, String address, int weight, String suffix) {
        String tag = address.substring(address.lastIndexOf('.') + 1) + suffix;
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
                        }
                    }
                """.formatted(address, server.port(), weight, dir.resolve("up-" + tag), dir.resolve("down-" + tag));
    }

    private static String virtualServer(String address, String... realServers) {
        return """
                virtual_server %s 80 {
                    lb_algo rr
                    lb_kind NAT
                    delay_loop 0.2
                %s}
                """.formatted(address, String.join("", realServers));
    }

    private static String vs(String address) {
        return dev.vigil.ipvs.ServiceKey.tcp(address, 80).toString();
    }

    private List<VirtualServerPlan> plans(String text) {
        ControllerPlans.Result result = ControllerPlans.from(TestConfigs.load(text));
        assertTrue(result.issues().isEmpty(), result.issues()::toString);
        return result.plans();
    }

    private long attempts(String virtualServer, String address) {
        return controller.status().virtualServers().stream().filter(vs -> vs.id().startsWith("[" + virtualServer))
                .flatMap(vs -> vs.realServers().stream()).filter(rs -> rs.endpoint().startsWith("[" + address + "]"))
                .findFirst().orElseThrow().checkers().getFirst().attempts();
    }

    private boolean settled() {
        return controller.status().virtualServers().stream().flatMap(vs -> vs.realServers().stream())
                .allMatch(rs -> rs.alive() && rs.checkers().getFirst().attempts() >= 2
                        && rs.checkers().getFirst().lastResult().map(CheckResult::isSuccess).orElse(false));
    }

    @Test
    void aReloadAppliesOnlyTheDiffAndKeptCheckersRunOn() throws Exception {
        LoopbackHttpServer two = server("127.0.0.2");
        LoopbackHttpServer three = server("127.0.0.3");
        LoopbackHttpServer four = server("127.0.0.4");
        String before = virtualServer("10.0.0.1", realServer(two, "127.0.0.2", 1), realServer(three, "127.0.0.3", 1))
                + virtualServer("10.0.0.9", realServer(two, "127.0.0.2", 1, "-of-9"));
        transport = CheckTransport.create(1);
        FakeIpvsBackend backend = new FakeIpvsBackend();
        try (ScriptRunner scripts = new ScriptRunner(Duration.ofSeconds(5), false)) {
            controller = HealthController.start(plans(before), backend,
                    new ProbeFactory(transport, new SplittableRandom(3)), (event, mail) -> { }, scripts,
                    HealthController.Options.defaults().withBootstrapDelay(Duration.ofMillis(50)));
            await().atMost(Duration.ofSeconds(10)).until(this::settled);
            for (String marker : List.of("up-2", "down-2", "up-3", "down-3", "down-2-of-9")) {
                Files.deleteIfExists(dir.resolve(marker));
            }
            int commandsBefore = backend.commands().size();
            long attemptsBefore = attempts("10.0.0.1", "127.0.0.2");

            String after = virtualServer("10.0.0.1", realServer(two, "127.0.0.2", 1), realServer(four, "127.0.0.4", 1))
                    + virtualServer("10.0.0.7", realServer(four, "127.0.0.4", 1));
            ServerDiff diff = controller.reconfigure(plans(after));
            assertEquals(1, diff.realServersAdded());
            assertEquals(1, diff.realServersRemoved());
            assertEquals(List.of("[10.0.0.9]:tcp:80"), diff.removed().stream().map(p -> p.id().text()).toList());
            assertEquals(List.of("[10.0.0.7]:tcp:80"), diff.added().stream().map(p -> p.id().text()).toList());

            List<String> commands = backend.commands().subList(commandsBefore, backend.commands().size());
            assertEquals(List.of(
                    "DEL_DEST " + vs("10.0.0.1") + " 127.0.0.3:" + three.port(),
                    "DEL_SERVICE " + vs("10.0.0.9"),
                    "NEW_SERVICE " + vs("10.0.0.7"),
                    "NEW_DEST " + vs("10.0.0.7") + " 127.0.0.4:" + four.port(),
                    "NEW_DEST " + vs("10.0.0.1") + " 127.0.0.4:" + four.port()), commands);

            await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(dir.resolve("down-3")));
            assertEquals("down\n", Files.readString(dir.resolve("down-3")), "a removed alive server: notify_down");
            await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(dir.resolve("down-2-of-9")));
            await().atMost(Duration.ofSeconds(5)).until(() -> attempts("10.0.0.1", "127.0.0.2") > attemptsBefore + 2);
            assertFalse(Files.exists(dir.resolve("up-2")) || Files.exists(dir.resolve("down-2")),
                    "the kept server was not re-announced");
            assertTrue(controller.snapshot().service(dev.vigil.ipvs.ServiceKey.tcp("10.0.0.1", 80)).orElseThrow()
                    .destinations().size() == 2);

            int settledCommands = backend.commands().size();
            String reweighted = after.replaceFirst("weight 1", "weight 5");
            ServerDiff weight = controller.reconfigure(plans(reweighted));
            assertEquals(0, weight.realServersAdded() + weight.realServersRemoved() + weight.realServersRestarted());
            assertEquals(List.of("SET_DEST " + vs("10.0.0.1") + " 127.0.0.2:" + two.port()),
                    backend.commands().subList(settledCommands, backend.commands().size()));
            assertTrue(controller.reconfigure(plans(reweighted)).isEmpty());
        }
    }

    /** A real server with an HTTP_GET and a TCP_CHECK whose connect_timeout is {@code tcpTimeout}. */
    private String twoCheckers(LoopbackHttpServer server, String address, String tcpTimeout) {
        String http = realServer(server, address, 1);
        int end = http.lastIndexOf('}');
        return http.substring(0, end) + "    TCP_CHECK {\n            connect_timeout " + tcpTimeout
                + "\n        }\n    " + http.substring(end);
    }

    private List<Long> attemptsOfEach(String address) {
        return controller.status().virtualServers().stream().flatMap(vs -> vs.realServers().stream())
                .filter(rs -> rs.endpoint().startsWith("[" + address + "]")).findFirst().orElseThrow()
                .checkers().stream().map(ControllerStatus.Checker::attempts).toList();
    }

    /**
     * keepalived's migrate_checkers(): a reload that changes one checker of a real server
     * restarts that one alone; the other keeps its state and count, and the server stays in
     * the table without a notify.
     */
    @Test
    void aChangedCheckerRestartsAloneWhileTheOthersOfItsServerRunOn() throws Exception {
        LoopbackHttpServer two = server("127.0.0.2");
        transport = CheckTransport.create(1);
        FakeIpvsBackend backend = new FakeIpvsBackend();
        try (ScriptRunner scripts = new ScriptRunner(Duration.ofSeconds(5), false)) {
            controller = HealthController.start(plans(virtualServer("10.0.0.1", twoCheckers(two, "127.0.0.2", "0.3"))),
                    backend, new ProbeFactory(transport, new SplittableRandom(3)), (event, mail) -> { }, scripts,
                    HealthController.Options.defaults().withBootstrapDelay(Duration.ofMillis(50)));
            await().atMost(Duration.ofSeconds(10)).until(() -> attemptsOfEach("127.0.0.2").size() == 2
                    && attemptsOfEach("127.0.0.2").stream().allMatch(n -> n >= 3));
            Files.deleteIfExists(dir.resolve("up-2"));
            int commandsBefore = backend.commands().size();
            List<Long> before = attemptsOfEach("127.0.0.2");

            ServerDiff diff = controller.reconfigure(plans(virtualServer("10.0.0.1",
                    twoCheckers(two, "127.0.0.2", "0.4"))));
            assertEquals(1, diff.realServersRestarted());
            List<Long> after = attemptsOfEach("127.0.0.2");
            assertTrue(after.get(0) >= before.get(0), () -> "HTTP_GET carried on: " + before + " -> " + after);
            assertTrue(after.get(1) < before.get(1), () -> "TCP_CHECK restarted: " + before + " -> " + after);
            await().atMost(Duration.ofSeconds(5)).until(() -> attemptsOfEach("127.0.0.2").get(1) >= 2);
            assertEquals(List.of(), backend.commands().subList(commandsBefore, backend.commands().size()),
                    "the server stayed in the table");
            assertFalse(Files.exists(dir.resolve("up-2")) || Files.exists(dir.resolve("down-2")),
                    "no notify for a server that stayed up");
        }
    }
}
