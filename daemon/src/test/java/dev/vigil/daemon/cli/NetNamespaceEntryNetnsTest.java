package dev.vigil.daemon.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.daemon.testing.ChildDaemon;
import dev.vigil.linux.testing.NetnsLab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * keepalived's {@code net_namespace} and {@code -s/--namespace}: the daemon is started on the
 * host, finds its interface only inside the named namespace, and must run there as a whole
 * (it execs itself inside, keeping its pid): the VIP is added and released inside, the pid
 * file names the process that was started, {@code vigil ctl} reaches it through its socket.
 */
@Tag("netns")
class NetNamespaceEntryNetnsTest {

    private static final Logger LOG = LoggerFactory.getLogger(NetNamespaceEntryNetnsTest.class);
    private static final String VIP = "10.61.0.100";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private NetnsLab lab;
    private String director;

    @BeforeEach
    void setUp() {
        NetnsLab.assumeAvailable();
        lab = new NetnsLab();
        director = lab.namespace("dir");
        String peer = lab.namespace("peer");
        lab.veth(director, "veth0", peer, "veth0");
        lab.address(director, "veth0", "10.61.0.1/24");
        lab.address(peer, "veth0", "10.61.0.2/24");
    }

    @AfterEach
    void tearDown() {
        if (lab != null) {
            lab.close();
        }
    }

    /** {@code topLevel}: keepalived's {@code net_namespace} and {@code instance} lines, which stand outside blocks. */
    private static String config(String topLevel) {
        return """
                %s
                global_defs {
                    router_id ns-entry
                }
                vrrp_instance VI_1 {
                    state MASTER
                    interface veth0
                    virtual_router_id 61
                    priority 200
                    advert_int 1
                    virtual_ipaddress {
                        %s/24
                    }
                }
                """.formatted(topLevel, VIP);
    }

    @Test
    void aDaemonStartedOnTheHostRunsInsideItsNetNamespace() throws Exception {
        try (ChildDaemon daemon = ChildDaemon.named("d", dir)
                .start(config("net_namespace " + director + "\ninstance blue"))) {
            long pid = daemon.process().pid();
            await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(100))
                    .until(() -> holdsVip() || !daemon.process().isAlive());
            assertTrue(holdsVip(), daemon::logWithHeader);
            assertTrue(daemon.log().contains("entering network namespace " + director), daemon::logWithHeader);
            assertEquals(pid + "\n", Files.readString(daemon.pidFile()), "the pid stays through the exec");
            assertTrue(daemon.ctl("status").text().contains("MASTER"), daemon::logWithHeader);
            assertEquals(lab.exec(director, "readlink", "/proc/self/ns/net").strip(),
                    lab.exec(director, "readlink", "/proc/" + pid + "/ns/net").strip(),
                    "the whole process, not one thread, is inside");

            String cmdline = Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ');
            assertTrue(cmdline.contains(" -Dvigil.enteredNetNamespace=" + director + " "), cmdline);
            assertFalse(Files.readString(Path.of("/proc/" + pid + "/environ")).contains("enteredNetNamespace"),
                    "the marker is not in the environment scripts inherit");
            Map<String, Long> jars;
            try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
                jars = fds.map(NetNamespaceEntryNetnsTest::target).filter(t -> t.endsWith(".jar"))
                        .collect(Collectors.groupingBy(t -> t, Collectors.counting()));
            }
            assertFalse(jars.isEmpty(), "the JVM has its class path open");
            Map<String, Long> twice = jars.entrySet().stream().filter(e -> e.getValue() > 1)
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            assertEquals(Map.of(), twice, "the first JVM's descriptors were closed by the exec");

            assertEquals(0, daemon.terminate(Duration.ofSeconds(30)), daemon::logWithHeader);
            assertFalse(holdsVip(), "SIGTERM released the VIP inside the namespace");
            LOG.info("daemon log:\n{}", daemon.log());
        }
    }

    @Test
    void theCommandLinesNamespaceOverridesTheConfigurations() throws Exception {
        try (ChildDaemon daemon = ChildDaemon.named("d", dir).arguments("-s", director)
                .start(config("net_namespace vgl-not-there"))) {
            await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(100))
                    .until(() -> holdsVip() || !daemon.process().isAlive());
            assertTrue(holdsVip(), daemon::logWithHeader);
            assertTrue(daemon.log().contains("the command line's namespace " + director
                    + " overrides net_namespace vgl-not-there of the configuration"), daemon::logWithHeader);
            assertEquals(0, daemon.terminate(Duration.ofSeconds(30)), daemon::logWithHeader);
        }
    }

    @Test
    void aMissingNamespaceStopsTheStartWithTheFix() throws Exception {
        try (ChildDaemon daemon = ChildDaemon.named("d", dir).start(config("net_namespace vgl-not-there"))) {
            assertTrue(daemon.process().waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS), daemon::logWithHeader);
            assertEquals(1, daemon.process().exitValue(), daemon::logWithHeader);
            assertTrue(daemon.log().contains("vigil: net_namespace vgl-not-there: /var/run/netns/vgl-not-there"
                    + " does not exist; create the namespace first (ip netns add vgl-not-there)"),
                    daemon::logWithHeader);
            assertFalse(Files.exists(daemon.pidFile()), "nothing was started");
        }
    }

    /** Where a {@code /proc/PID/fd} entry points; empty when it was closed meanwhile. */
    private static String target(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException e) {
            return "";
        }
    }

    private boolean holdsVip() {
        return lab.exec(director, "ip", "-4", "addr", "show", "dev", "veth0").contains(" " + VIP + "/");
    }
}
