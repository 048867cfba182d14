package dev.vigil.daemon.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.vigil.daemon.metrics.MetricsListen;
import dev.vigil.daemon.metrics.PrometheusText;
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
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A daemon (in this JVM, checkers only) with scripts that {@code enable_script_security}
 * refuses: each refusal is logged exactly once, at start, with its file position, is published as
 * a {@code vigil_script_refused} series, and the script never runs — not at start, not at stop.
 * Scripts of a subsystem that does not run (VRRP here) are not reported.
 */
class DaemonScriptSecurityTest {

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private Daemon daemon;

    @BeforeEach
    void captureLog() {
        log.start();
        root.addAppender(log);
    }

    @AfterEach
    void tearDown() {
        if (daemon != null) {
            daemon.stop();
        }
        root.detachAppender(log);
    }

    private List<String> logLines(String containing) {
        return log.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains(containing)).toList();
    }

    @Test
    void aRefusedScriptIsLoggedOnceCountedAndNeverRun() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "script security guards scripts root runs");
        Path marker = dir.resolve("ran");
        Path unsafe = dir.resolve("unsafe.sh");
        Files.writeString(unsafe, "#!/bin/sh\necho \"$1\" >> " + marker + "\n");
        Files.setPosixFilePermissions(unsafe, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path missing = dir.resolve("missing.sh");
        Path file = dir.resolve("keepalived.conf");
        Files.writeString(file, """
                global_defs {
                    enable_script_security
                    script_user root
                    startup_script "%1$s start"
                    shutdown_script "%2$s stop"
                }
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 51
                    notify_master %1$s
                    virtual_ipaddress {
                        10.1.0.100
                    }
                }
                """.formatted(unsafe, missing));
        DaemonSettings settings = DaemonSettings.defaults(file)
                .withPaths(dir.resolve("run/vigil.pid"), dir.resolve("run/vigil.sock"))
                .withMetrics(new MetricsListen.Listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)))
                .withSubsystems(false, true)
                .withSignals(false);
        daemon = Daemon.start(settings, BackendFactory.unavailable(), new PrintWriter(new StringWriter(), true));

        List<String> startup = logLines("startup_script of global_defs");
        assertEquals(List.of(file + ":4:5: warning: startup_script of global_defs: script '" + unsafe
                + " start' refused (unsafe_permissions): it would run as root, but " + unsafe.toRealPath()
                + " is writable by everyone (enable_script_security); make it root-owned and not writable by others,"
                + " or run it as another user; it will not run"), startup);
        assertEquals(1, logLines("shutdown_script of global_defs: script '" + missing + " stop' refused (not_found)")
                .size(), () -> log.list.toString());
        assertEquals(List.of(), logLines("notify_master"), "VRRP does not run here");

        InetSocketAddress metrics = daemon.metricsAddress().orElseThrow();
        String scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://"
                + metrics.getHostString() + ":" + metrics.getPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        var families = PrometheusText.parse(scrape);
        assertEquals(Optional.of(1.0), PrometheusText.value(families, "vigil_script_refused", Map.of("kind",
                "startup_script", "subject", "global_defs", "script", unsafe + " start", "reason",
                "unsafe_permissions")));
        assertEquals(Optional.of(1.0), PrometheusText.value(families, "vigil_script_refused", Map.of("kind",
                "shutdown_script", "subject", "global_defs", "script", missing + " stop", "reason", "not_found")));
        assertEquals(2, families.get("vigil_script_refused").samples().size());

        daemon.stop();
        assertFalse(Files.exists(marker), "the refused script never ran");
        assertEquals(1, logLines("startup_script of global_defs").size(), "logged once, not again at stop");
    }
}
