package dev.vigil.daemon.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A JVM started without the add-opens: the real-time signals are reported unavailable with the
 * flag to add, and the classic ones still work. Runs {@link Child} in a separate JVM.
 */
class WithoutOpensTest {

    /** Installs everything but INT and TERM, prints what is unavailable, then waits for one USR2. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            CountDownLatch usr2 = new CountDownLatch(1);
            EnumSet<DaemonSignal> signals = EnumSet.complementOf(EnumSet.of(DaemonSignal.INT, DaemonSignal.TERM));
            try (SignalDispatcher dispatcher = SignalDispatcher.install(signals, signal -> {
                if (signal == DaemonSignal.USR2) {
                    usr2.countDown();
                }
            })) {
                System.out.println("installed " + new java.util.TreeSet<>(dispatcher.installed()));
                dispatcher.unavailable().forEach((signal, reason) -> System.out.println("unavailable " + signal + ": " + reason));
                Process kill = new ProcessBuilder("kill", "-USR2", Long.toString(ProcessHandle.current().pid())).start();
                kill.waitFor();
                System.out.println("usr2 " + usr2.await(10, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void realtimeSignalsAreReportedUnavailable() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "-Dlogback.configurationFile=/nonexistent", Child.class.getName())
                .redirectErrorStream(true).start();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertEquals(0, child.exitValue(), output);
        assertTrue(output.contains("installed [HUP, USR1, USR2]"), output);
        assertTrue(output.contains("unavailable RTMAX_MINUS_1: java.base does not open jdk.internal.misc to Vigil;"
                + " start the JVM with --add-opens java.base/jdk.internal.misc=ALL-UNNAMED"), output);
        assertTrue(output.contains("unavailable RTMIN_PLUS_2: "), output);
        assertTrue(output.contains("usr2 true"), output);
    }
}
