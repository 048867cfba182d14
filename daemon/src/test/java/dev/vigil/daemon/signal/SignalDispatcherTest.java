package dev.vigil.daemon.signal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Real signals sent to this JVM with kill(1). Only signals whose handler the test installs are
 * sent; INT and TERM are never installed here, so the test JVM's own shutdown is untouched.
 * The real-time part needs the surefire argLine's add-opens (see daemon/pom.xml).
 */
class SignalDispatcherTest {

    private final List<String> received = Collections.synchronizedList(new ArrayList<>());

    private void record(DaemonSignal signal) {
        received.add(signal.name() + "@" + Thread.currentThread().getName());
    }

    private static void kill(String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(ProcessHandle.current().pid()))
                .inheritIO().start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, kill.exitValue());
    }

    @Test
    void usr2AndHupReachTheHandlerOnTheDispatcherThread() throws Exception {
        try (SignalDispatcher dispatcher = SignalDispatcher.install(
                EnumSet.of(DaemonSignal.USR2, DaemonSignal.HUP), this::record)) {
            assertEquals(EnumSet.of(DaemonSignal.USR2, DaemonSignal.HUP), EnumSet.copyOf(dispatcher.installed()));

            kill("USR2");
            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);
            kill("HUP");
            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 2);

            assertEquals(List.of("USR2@vigil-signals", "HUP@vigil-signals"), received);
        }
    }

    @Test
    void retiringKeepsTheHandlerInstalledAndDropsLaterSignals() throws Exception {
        sun.misc.Signal usr2 = new sun.misc.Signal("USR2");
        sun.misc.SignalHandler original = sun.misc.Signal.handle(usr2, sun.misc.SignalHandler.SIG_IGN);
        sun.misc.Signal.handle(usr2, original);
        SignalDispatcher dispatcher = SignalDispatcher.install(EnumSet.of(DaemonSignal.USR2), this::record);
        dispatcher.retire();
        dispatcher.close();
        try {
            kill("USR2");
            Thread.sleep(300);
            assertEquals(List.of(), received, "a retired dispatcher delivers nothing");
        } finally {
            sun.misc.SignalHandler left = sun.misc.Signal.handle(usr2, original);
            assertTrue(left != original, "retire() and a later close() leave the dispatcher's handler in place");
        }
    }

    @Test
    void aFailingHandlerDoesNotStopDelivery() throws Exception {
        try (SignalDispatcher dispatcher = SignalDispatcher.install(EnumSet.of(DaemonSignal.USR1), signal -> {
            record(signal);
            if (received.size() == 1) {
                throw new IllegalStateException("dump failed");
            }
        })) {
            assertEquals(java.util.Set.of(DaemonSignal.USR1), dispatcher.installed());
            kill("USR1");
            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);
            kill("USR1");
            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 2);
        }
    }

    @Test
    void realtimeSignalsAreHandledWithTheOpenedPackage() throws Exception {
        try (SignalDispatcher dispatcher = SignalDispatcher.install(
                EnumSet.of(DaemonSignal.RTMAX_MINUS_1, DaemonSignal.RTMIN_PLUS_2), this::record)) {
            assertEquals(java.util.Map.of(), dispatcher.unavailable());

            kill("63");
            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);
            kill("36");
            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 2);

            assertEquals(List.of("RTMAX_MINUS_1@vigil-signals", "RTMIN_PLUS_2@vigil-signals"), received);
        }
    }

    @Test
    void numbersMatchKeepalivedsSignum() {
        assertEquals(1, DaemonSignal.HUP.number());
        assertEquals(15, DaemonSignal.TERM.number());
        assertEquals(10, DaemonSignal.USR1.number());
        assertEquals(12, DaemonSignal.USR2.number());
        assertEquals(63, DaemonSignal.RTMAX_MINUS_1.number());
        assertEquals(36, DaemonSignal.RTMIN_PLUS_2.number());
        assertEquals(SignalAction.STATS_CLEAR, DaemonSignal.RTMAX_MINUS_1.action());
        assertEquals(SignalAction.JSON, DaemonSignal.RTMIN_PLUS_2.action());
        assertEquals(SignalAction.STOP, DaemonSignal.INT.action());
    }
}
