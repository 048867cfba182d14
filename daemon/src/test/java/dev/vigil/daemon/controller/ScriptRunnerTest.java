package dev.vigil.daemon.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real processes: exit codes, timeouts, missing programs, never blocking the caller. */
class ScriptRunnerTest {

    @TempDir
    Path dir;

    @Test
    void runsWithArgumentsAndReportsTheExitStatus() throws Exception {
        Path marker = dir.resolve("marker");
        try (ScriptRunner runner = new ScriptRunner(Duration.ofSeconds(5), false)) {
            ScriptOutcome ok = runner.run(ScriptCommand.of("/bin/sh", "-c", "echo \"$1\" > " + marker, "sh", "a b"),
                    "test", false).get(5, TimeUnit.SECONDS);
            assertEquals(new ScriptOutcome.Exited(0), ok);
            assertEquals("a b\n", Files.readString(marker));
            assertEquals(new ScriptOutcome.Exited(3),
                    runner.run(ScriptCommand.of("/bin/sh", "-c", "exit 3"), "test", false).get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void aHungScriptIsKilledAtItsTimeoutWithoutBlockingTheCaller() throws Exception {
        try (ScriptRunner runner = new ScriptRunner(Duration.ofMillis(200), false)) {
            long start = System.nanoTime();
            CompletableFuture<ScriptOutcome> outcome = runner.run(ScriptCommand.of("/bin/sleep", "30"), "test", false);
            assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(100), "run() must not wait");
            assertEquals(new ScriptOutcome.TimedOut(Duration.ofMillis(200)), outcome.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void aMissingProgramIsNotStarted() throws Exception {
        try (ScriptRunner runner = new ScriptRunner(Duration.ofSeconds(1), false)) {
            assertInstanceOf(ScriptOutcome.NotStarted.class,
                    runner.run(ScriptCommand.of(dir.resolve("nope").toString()), "test", false).get(5,
                            TimeUnit.SECONDS));
        }
    }

    @Test
    void scriptSecurityRefusesAProgramOthersCanReplace() throws Exception {
        Path script = dir.resolve("writable.sh");
        Files.writeString(script, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(script, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        try (ScriptRunner runner = new ScriptRunner(Duration.ofSeconds(1), true)) {
            assertInstanceOf(ScriptOutcome.NotStarted.class,
                    runner.run(ScriptCommand.of(script.toString()), "test", false).get(5, TimeUnit.SECONDS));
        }
        assertTrue(ScriptSecurity.problem("/bin/true").isEmpty() || !"root".equals(System.getProperty("user.name")),
                () -> "root-owned /bin/true refused: " + ScriptSecurity.problem("/bin/true"));
    }
}
