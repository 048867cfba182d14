package dev.vigil.daemon.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.daemon.testing.ChildDaemon;
import dev.vigil.linux.LinuxNative;
import dev.vigil.linux.socket.UnixDatagramSocket;
import dev.vigil.linux.socket.UnixSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A daemon process started the way systemd starts a {@code Type=notify} service: with
 * {@code NOTIFY_SOCKET} naming a unix datagram socket that the test binds in systemd's place.
 * {@code READY=1} must arrive only once the control socket answers, a reload is framed by
 * {@code RELOADING=1} and {@code READY=1}, and SIGTERM must send
 * {@code STOPPING=1} before the process exits 0, however many more TERMs follow. The configuration has neither VRRP instances
 * nor virtual servers, so no privilege is needed.
 */
class SystemdReadinessDaemonTest {

    private static final Logger LOG = LoggerFactory.getLogger(SystemdReadinessDaemonTest.class);
    /** JVM start on a busy two-core machine. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void readyOnceUpAndStoppingOnSigterm() throws Exception {
        assumeTrue(LinuxNative.isAvailable(), () -> "skipping: " + LinuxNative.unavailabilityCause().orElse(""));
        UnixSocketAddress address = UnixSocketAddress.abstractName("vigil-test/systemd/" + UUID.randomUUID());
        try (UnixDatagramSocket systemd = UnixDatagramSocket.bind(address);
             ChildDaemon daemon = ChildDaemon.named("notify", dir)
                     .environment(SystemdNotifier.NOTIFY_SOCKET, address.toString())
                     .start("global_defs {\n    router_id notify-test\n}\n")) {
            long started = System.nanoTime();
            String ready = receive(systemd, START_TIMEOUT, daemon);
            LOG.info("READY=1 arrived {} ms after the JVM was launched", (System.nanoTime() - started) / 1_000_000);
            assertEquals("READY=1\nSTATUS=running: 0 VRRP instance(s), 0 virtual server(s)", ready);
            ChildDaemon.Ctl status = daemon.ctl("status");
            assertEquals(0, status.exitCode(), "the control socket is up when READY=1 is sent: " + status.text());
            assertTrue(Files.exists(daemon.pidFile()));

            ChildDaemon.Ctl reload = daemon.ctl("reload");
            assertEquals(0, reload.exitCode(), reload.text());
            String reloading = receive(systemd, STOP_TIMEOUT, daemon);
            assertTrue(reloading.startsWith("RELOADING=1\nMONOTONIC_USEC="), reloading);
            assertEquals("READY=1\nSTATUS=running (reloaded)", receive(systemd, STOP_TIMEOUT, daemon));

            daemon.process().destroy();
            assertEquals("STOPPING=1\nSTATUS=stopping", receive(systemd, STOP_TIMEOUT, daemon));
            // More TERMs while it stops (an impatient operator, a second kill from a script):
            // each must be absorbed, the exit status stays 0 and not the JVM's 143.
            long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
            while (daemon.process().isAlive() && System.nanoTime() < deadline) {
                daemon.process().destroy();
                Thread.sleep(1);
            }
            assertEquals(0, daemon.terminate(STOP_TIMEOUT), daemon::logWithHeader);
            assertTrue(systemd.receive(Duration.ofMillis(200)).isEmpty(), "nothing after STOPPING=1");
        }
    }

    private static String receive(UnixDatagramSocket systemd, Duration timeout, ChildDaemon daemon) throws Exception {
        return systemd.receive(timeout)
                .map(d -> new String(d.payload(), StandardCharsets.UTF_8))
                .orElseThrow(() -> new AssertionError("no notification within " + timeout + "\n"
                        + daemon.logWithHeader()));
    }
}
