package dev.vigil.vrrp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.vigil.vrrp.track.ScriptOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real script executor and file watcher against /bin/sh and a temporary directory. */
class ProcessScriptExecutorTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path temp;

    private static ScriptOutcome runOnce(VrrpScript script) throws Exception {
        try (ProcessScriptExecutor executor = new ProcessScriptExecutor()) {
            return executor.run(script).toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    @Test
    void exitStatusesAndUnstartableProgramsAreReported() throws Exception {
        assertEquals(ScriptOutcome.exited(0), runOnce(VrrpScript.of("ok", List.of("/bin/sh", "-c", "exit 0"))));
        assertEquals(ScriptOutcome.exited(3), runOnce(VrrpScript.of("bad", List.of("/bin/sh", "-c", "exit 3"))));
        assertEquals(ScriptOutcome.exited(127), runOnce(VrrpScript.of("none", List.of(temp + "/missing"))));
    }

    @Test
    void aRunPastItsTimeoutIsKilledWithItsChildren() throws Exception {
        Path pidFile = temp.resolve("child.pid");
        VrrpScript slow = VrrpScript.of("slow", List.of("/bin/sh", "-c", "sleep 60 & echo $! > " + pidFile + "; wait"))
                .withInterval(Duration.ofSeconds(1), Duration.ofMillis(300));
        assertEquals(ScriptOutcome.timedOut(), runOnce(slow));
        long child = Long.parseLong(Files.readString(pidFile).trim());
        Awaitility.await().atMost(WAIT).until(() -> ProcessHandle.of(child).map(h -> !h.isAlive()).orElse(true));
    }

    @Test
    void thePollingWatcherReportsChangesAndInitialises() throws Exception {
        Path file = temp.resolve("prio");
        try (PollingFileWatcher watcher = new PollingFileWatcher()) {
            watcher.initialise(file, 5, false);
            watcher.initialise(file, 6, false);
            assertEquals(Optional.of("5\n"), watcher.read(file), "an existing file is not overwritten");
            List<Optional<String>> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
            watcher.watch(file, (path, contents) -> seen.add(contents));
            Files.writeString(file, "-20\n");
            Awaitility.await().atMost(WAIT).until(() -> seen.contains(Optional.of("-20\n")));
            Files.delete(file);
            Awaitility.await().atMost(WAIT).until(() -> seen.contains(Optional.empty()));
            assertFalse(seen.contains(Optional.of("5\n")), "the contents read at watch time are not reported again");
        }
    }
}
