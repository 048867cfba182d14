package dev.vigil.daemon.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.common.time.Ticker;
import dev.vigil.linux.LinuxNative;
import dev.vigil.linux.socket.UnixDatagramSocket;
import dev.vigil.linux.socket.UnixSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notifier against a real unix datagram socket bound by the test, standing in for systemd:
 * the exact datagrams, both address kinds, and that failures neither throw, nor block, nor log
 * more than once.
 */
class SystemdNotifierTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    /** A CLOCK_MONOTONIC reading of 1234.567891 s. */
    private static final Ticker TICKER = () -> 1_234_567_891_234L;

    @TempDir
    Path dir;

    private final List<String> warnings = new CopyOnWriteArrayList<>();

    @BeforeEach
    void nativeAvailable() {
        assumeTrue(LinuxNative.isAvailable(), () -> "skipping: " + LinuxNative.unavailabilityCause().orElse(""));
    }

    private SystemdNotifier notifier(String notifySocket) {
        return SystemdNotifier.fromEnvironment(Map.of(SystemdNotifier.NOTIFY_SOCKET, notifySocket), TICKER,
                warnings::add);
    }

    private static String next(UnixDatagramSocket receiver) throws Exception {
        return new String(receiver.receive(WAIT).orElseThrow(() -> new AssertionError("no datagram")).payload(),
                StandardCharsets.UTF_8);
    }

    @Test
    void sendsTheLifecycleToAnAbstractSocket() throws Exception {
        String name = "vigil-test/notify/" + UUID.randomUUID();
        try (UnixDatagramSocket systemd = UnixDatagramSocket.bind(UnixSocketAddress.abstractName(name));
             SystemdNotifier notifier = notifier("@" + name)) {
            assertTrue(notifier.enabled());
            notifier.ready("running: 2 VRRP instance(s)");
            notifier.reloading("reloading /etc/keepalived/keepalived.conf");
            notifier.ready("reloaded");
            notifier.status("VI_1 MASTER\nsecond line");
            notifier.stopping("stopping");
            assertEquals("READY=1\nSTATUS=running: 2 VRRP instance(s)", next(systemd));
            assertEquals("RELOADING=1\nMONOTONIC_USEC=1234567891\nSTATUS=reloading /etc/keepalived/keepalived.conf",
                    next(systemd));
            assertEquals("READY=1\nSTATUS=reloaded", next(systemd));
            assertEquals("STATUS=VI_1 MASTER second line", next(systemd), "a newline cannot start a new assignment");
            assertEquals("STOPPING=1\nSTATUS=stopping", next(systemd));
            assertEquals(0, notifier.failures());
        }
        assertEquals(List.of(), warnings);
    }

    @Test
    void sendsToASocketPath() throws Exception {
        Path path = dir.resolve("notify");
        try (UnixDatagramSocket systemd = UnixDatagramSocket.bind(UnixSocketAddress.path(path.toString()));
             SystemdNotifier notifier = notifier(path.toString())) {
            notifier.ready("up");
            assertEquals("READY=1\nSTATUS=up", next(systemd));
        }
    }

    @Test
    void withoutNotifySocketNothingIsSentOrLogged() {
        try (SystemdNotifier notifier = SystemdNotifier.fromEnvironment(Map.of(), TICKER, warnings::add)) {
            assertFalse(notifier.enabled());
            notifier.ready("up");
            notifier.stopping("down");
            assertEquals(0, notifier.failures());
        }
        assertFalse(SystemdNotifier.disabled().enabled());
        assertEquals(List.of(), warnings);
    }

    @Test
    void anUnusableValueIsReportedOnceAndDisablesTheNotifier() {
        try (SystemdNotifier notifier = notifier("relative/notify")) {
            assertFalse(notifier.enabled());
            notifier.ready("up");
        }
        assertEquals(1, warnings.size(), warnings::toString);
        assertTrue(warnings.getFirst().startsWith("NOTIFY_SOCKET=relative/notify cannot be used"), warnings::toString);
    }

    @Test
    void aSocketNobodyListensOnIsLoggedOnceNeverThrown() {
        String name = "vigil-test/nobody/" + UUID.randomUUID();
        try (SystemdNotifier notifier = notifier("@" + name)) {
            notifier.ready("up");
            notifier.reloading("reloading");
            notifier.stopping("stopping");
            assertEquals(3, notifier.failures());
        }
        assertEquals(1, warnings.size(), warnings::toString);
        assertTrue(warnings.getFirst().contains("ECONNREFUSED"), warnings::toString);
        assertTrue(warnings.getFirst().contains("NOTIFY_SOCKET=@" + name), warnings::toString);
    }

    /** A service manager that stopped reading: the queue fills and every later send fails at once. */
    @Test
    void aFullQueueNeverBlocksTheDaemon() throws Exception {
        String name = "vigil-test/stuck/" + UUID.randomUUID();
        try (UnixDatagramSocket systemd = UnixDatagramSocket.bind(UnixSocketAddress.abstractName(name));
             SystemdNotifier notifier = notifier("@" + name)) {
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                for (int i = 0; i < 1_000; i++) {
                    notifier.status("status " + i);
                }
            });
            assertTrue(notifier.failures() > 0, "the queue filled");
            assertEquals(Optional.of("STATUS=status 0"), systemd.receive(WAIT)
                    .map(d -> new String(d.payload(), StandardCharsets.UTF_8)));
        }
        assertEquals(1, warnings.size(), warnings::toString);
        assertTrue(warnings.getFirst().contains("EAGAIN"), warnings::toString);
    }
}
