package dev.vigil.daemon.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.daemon.Main;
import dev.vigil.daemon.control.CtlCommand;
import dev.vigil.daemon.metrics.MetricsListen;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon in the test JVM, without VRRP (-C) and without virtual servers, so it needs no
 * privileges: configuration handling, pid file, metrics endpoint, control socket and stop.
 */
class DaemonTest {

    private static final String VRRP_ONLY_CONFIG = """
            global_defs {
                router_id test
            }
            vrrp_instance VI_1 {
                interface eth0
                virtual_router_id 51
                virtual_ipaddress {
                    10.1.0.100
                }
            }
            """;

    @TempDir
    Path dir;

    private Daemon daemon;
    private final StringWriter errText = new StringWriter();
    private final PrintWriter err = new PrintWriter(errText, true);

    @AfterEach
    void tearDown() {
        if (daemon != null) {
            daemon.stop();
        }
    }

    private DaemonSettings settings(String config, boolean vrrp, boolean checkers) throws Exception {
        Path file = dir.resolve("keepalived.conf");
        Files.writeString(file, config);
        return DaemonSettings.defaults(file)
                .withPaths(dir.resolve("run/vigil.pid"), dir.resolve("run/vigil.sock"))
                .withMetrics(new MetricsListen.Listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)))
                .withSubsystems(vrrp, checkers)
                .withSignals(false);
    }

    @Test
    void servesMetricsStatusAndControlThenStopsCleanly() throws Exception {
        DaemonSettings settings = settings(VRRP_ONLY_CONFIG, false, true);
        daemon = Daemon.start(settings, BackendFactory.unavailable(), err);
        assertEquals(Optional.of(ProcessHandle.current().pid()), PidFile.read(settings.pidFile()));

        InetSocketAddress metrics = daemon.metricsAddress().orElseThrow();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI base = URI.create("http://" + metrics.getHostString() + ":" + metrics.getPort());
        HttpResponse<String> scrape = http.send(HttpRequest.newBuilder(base.resolve("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, scrape.statusCode());
        assertTrue(scrape.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        HttpResponse<String> status = http.send(HttpRequest.newBuilder(base.resolve("/status")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, status.statusCode());
        assertTrue(status.body().contains("\"vrrpRunning\":false"), status.body());

        StringWriter out = new StringWriter();
        int code = CtlCommand.run(new String[] {"-s", settings.controlSocket().toString(), "status"},
                new PrintWriter(out, true), err);
        assertEquals(0, code, errText::toString);
        assertEquals("VRRP: not running\nVirtual servers: none\n", out.toString());

        StringWriter reloaded = new StringWriter();
        assertEquals(0, CtlCommand.run(new String[] {"-s", settings.controlSocket().toString(), "reload"},
                new PrintWriter(reloaded, true), err), errText::toString);
        assertEquals("reloaded: nothing changed\n", reloaded.toString());

        Files.writeString(settings.configFile(), VRRP_ONLY_CONFIG.replace("virtual_router_id 51",
                "virtual_router_id 51\n    priority 300"));
        StringWriter refused = new StringWriter();
        assertEquals(1, CtlCommand.run(new String[] {"-s", settings.controlSocket().toString(), "reload"},
                new PrintWriter(out, true), new PrintWriter(refused, true)));
        assertTrue(refused.toString().contains(settings.configFile() + ":7:14: error: "), refused::toString);
        assertTrue(refused.toString().contains("nothing was reloaded, the running configuration is unchanged"),
                refused::toString);
        String metricsText = http.send(HttpRequest.newBuilder(base.resolve("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(metricsText.contains("vigil_reload_total{result=\"failed\"} 1.0"), metricsText);
        assertTrue(metricsText.contains("vigil_reload_total{result=\"success\"} 1.0"), metricsText);
        assertTrue(metricsText.contains("vigil_reload_last_success 0.0"), metricsText);

        daemon.stop();
        assertFalse(Files.exists(settings.pidFile()), "pid file removed");
        assertFalse(Files.exists(settings.controlSocket()), "control socket removed");
        daemon.stop();
    }

    @Test
    void startupAndShutdownScriptsRun() throws Exception {
        Path script = dir.resolve("script.sh");
        Path calls = dir.resolve("calls");
        Files.writeString(script, "#!/bin/sh\necho \"$1\" >> " + calls + "\n");
        Files.setPosixFilePermissions(script, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        DaemonSettings settings = settings("""
                global_defs {
                    startup_script "%s start"
                    shutdown_script "%s stop"
                }
                """.formatted(script, script), false, true);
        daemon = Daemon.start(settings, BackendFactory.unavailable(), err);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> Files.exists(calls) && Files.readString(calls).equals("start\n"));
        daemon.stop();
        assertEquals("start\nstop\n", Files.readString(calls), "stop waits for shutdown_script");
    }

    @Test
    void virtualServersRunOnTheFactorysBackendAndAreListedLikeIpvsadm() throws Exception {
        dev.vigil.ipvs.fake.FakeIpvsBackend backend = new dev.vigil.ipvs.fake.FakeIpvsBackend();
        try (java.net.ServerSocket realServer = new java.net.ServerSocket(0, 16, InetAddress.getLoopbackAddress())) {
            DaemonSettings settings = settings("""
                    virtual_server 127.0.0.1 8080 {
                        lb_algo wrr
                        lb_kind NAT
                        protocol TCP
                        real_server 127.0.0.1 %d {
                            weight 3
                            TCP_CHECK {
                                connect_timeout 1
                            }
                        }
                    }
                    """.formatted(realServer.getLocalPort()), true, true);
            java.util.List<BackendChoice> asked = new java.util.ArrayList<>();
            daemon = Daemon.start(settings, choice -> {
                asked.add(choice);
                return backend;
            }, err);
            assertEquals(java.util.List.of(BackendChoice.AUTO), asked);
            StringWriter out = new StringWriter();
            assertEquals(0, CtlCommand.run(new String[] {"-s", settings.controlSocket().toString(), "ipvs", "-L", "-n"},
                    new PrintWriter(out, true), err), errText::toString);
            assertTrue(out.toString().startsWith("IP Virtual Server version 1.2.1 (size=4096)\n"), out::toString);
            assertTrue(out.toString().contains("TCP  127.0.0.1:8080 wrr\n"), out::toString);
            assertTrue(out.toString().contains("-> 127.0.0.1:" + realServer.getLocalPort()), out::toString);
            StringWriter status = new StringWriter();
            CtlCommand.run(new String[] {"-s", settings.controlSocket().toString(), "status"},
                    new PrintWriter(status, true), err);
            assertTrue(status.toString().contains("VRRP: no instances\nVirtual servers:\n  [127.0.0.1]:tcp:8080: "),
                    status::toString);
            daemon.stop();
            assertTrue(backend.snapshot().services().isEmpty(), "stop removes the services it installed");
        }
    }

    @Test
    void aConfigurationThatCannotRunExitsWith3() throws Exception {
        DaemonSettings settings = settings(VRRP_ONLY_CONFIG, false, true);
        DaemonSettings missing = new DaemonSettings(dir.resolve("missing.conf"), Optional.empty(),
                settings.pidFile(), settings.controlSocket(), settings.metrics(), settings.backend(), false, true,
                true, true, false, false);
        DaemonStartException e = assertThrows(DaemonStartException.class,
                () -> Daemon.start(missing, BackendFactory.unavailable(), err));
        assertEquals(Daemon.EXIT_CONFIG, e.exitCode());
        assertTrue(errText.toString().contains("missing.conf"), errText::toString);
        assertFalse(Files.exists(settings.pidFile()));
    }

    @Test
    void virtualServersNeedABackendThisBuildLacks() throws Exception {
        DaemonSettings settings = settings("""
                virtual_server 10.1.0.100 80 {
                    protocol TCP
                    real_server 10.1.0.2 80 {
                        TCP_CHECK {
                            connect_timeout 1
                        }
                    }
                }
                """, false, true);
        DaemonStartException e = assertThrows(DaemonStartException.class,
                () -> Daemon.start(settings, BackendFactory.unavailable(), err));
        assertEquals(Daemon.EXIT_SUBSYSTEM, e.exitCode());
        assertEquals("--backend auto is not available in this build", e.getMessage());
        assertFalse(Files.exists(settings.pidFile()), "what was started is undone");
        assertFalse(Files.exists(settings.controlSocket()));
    }

    @Test
    void theCommandLineRejectsBadDaemonOptions() {
        StringWriter bad = new StringWriter();
        assertEquals(2, Main.run(new String[] {"--backend", "bogus", "-f", "x.conf"}, new PrintWriter(new StringWriter()),
                new PrintWriter(bad, true)));
        assertTrue(bad.toString().contains("expected kernel, userspace or auto"), bad::toString);
        StringWriter metrics = new StringWriter();
        assertEquals(2, Main.run(new String[] {"--metrics", "nowhere", "-f", "x.conf"},
                new PrintWriter(new StringWriter()), new PrintWriter(metrics, true)));
        assertTrue(metrics.toString().contains("--metrics nowhere"), metrics::toString);
    }
}
