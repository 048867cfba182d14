package dev.vigil.daemon.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
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

    /** A script made writable after the configuration was vetted is refused at run time, logged and reported once. */
    @Test
    void scriptSecurityRefusesAtRunTimeAProgramOthersCanReplace() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "the run-time check guards scripts root runs");
        Path script = dir.resolve("writable.sh");
        Files.writeString(script, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(script, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        List<String> refusals = new CopyOnWriteArrayList<>();
        try (ScriptRunner runner = new ScriptRunner(Duration.ofSeconds(1), true,
                (reason, command, why) -> refusals.add(reason + "|" + command.display() + "|" + why))) {
            for (int i = 0; i < 3; i++) {
                ScriptOutcome outcome = runner.run(ScriptCommand.of(script.toString()), "notify_up", false)
                        .get(5, TimeUnit.SECONDS);
                assertEquals(new ScriptOutcome.Refused("it would run as root, but " + script
                        + " is writable by everyone"), outcome);
            }
            assertEquals(new ScriptOutcome.Exited(0),
                    runner.run(ScriptCommand.of("/bin/true"), "notify_up", false).get(5, TimeUnit.SECONDS));
        }
        assertEquals(List.of("notify_up|" + script + "|it would run as root, but " + script
                + " is writable by everyone"), refusals, "reported once");
    }
}
