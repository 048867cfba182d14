package dev.vigil.healthcheck.probe;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.healthcheck.CheckResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MiscProbeTest {

    private static ScheduledExecutorService timers;

    @TempDir
    Path directory;

    @BeforeAll
    static void startTimers() {
        timers = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterAll
    static void stopTimers() {
        timers.shutdownNow();
    }

    private static CheckResult run(String script, boolean dynamic, Duration timeout) throws Exception {
        return run(new MiscProbe(List.of("/bin/sh", "-c", script), timeout, dynamic, timers));
    }

    private static CheckResult run(MiscProbe probe) throws Exception {
        return probe.attempt().get(30, TimeUnit.SECONDS);
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static long pid(Path file) throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(file) && !Files.readString(file).isBlank());
        return Long.parseLong(Files.readString(file).strip());
    }

    @Test
    void exitStatusDecides() throws Exception {
        Duration timeout = Duration.ofSeconds(20);
        assertInstanceOf(CheckResult.Success.class, run("exit 0", false, timeout));
        CheckResult failed = run("exit 1", false, timeout);
        assertEquals(new CheckResult.Failure("exited with status 1"), failed);
        assertEquals(new CheckResult.Failure("exited with status 12"), run("exit 12", false, timeout));
    }

    @Test
    void dynamicExitStatusSetsTheWeight() throws Exception {
        Duration timeout = Duration.ofSeconds(20);
        assertEquals(new CheckResult.WeightedSuccess(10), run("exit 12", true, timeout));
        assertEquals(new CheckResult.WeightedSuccess(0), run("exit 2", true, timeout));
        assertInstanceOf(CheckResult.Success.class, run("exit 0", true, timeout));
        assertInstanceOf(CheckResult.Failure.class, run("exit 1", true, timeout));
    }

    @Test
    void missingCommandIsAFailure() throws Exception {
        CheckResult result = run(new MiscProbe(List.of(directory.resolve("no-such-script").toString()),
                Duration.ofSeconds(5), false, timers));
        assertTrue(assertInstanceOf(CheckResult.Failure.class, result).reason().startsWith("cannot run"), result.toString());
    }

    @Test
    void hangingScriptAndItsChildrenAreKilledAtTheTimeout() throws Exception {
        Path parent = directory.resolve("parent.pid");
        Path child = directory.resolve("child.pid");
        Duration timeout = Duration.ofMillis(500);
        long started = System.nanoTime();
        CheckResult result = run("echo $$ > " + parent + "; sleep 30 & echo $! > " + child + "; wait", false, timeout);
        assertEquals(new CheckResult.TimedOut("command", timeout), result);
        assertTrue(System.nanoTime() - started >= timeout.toNanos(), "not before the timeout");
        long parentPid = pid(parent);
        long childPid = pid(child);
        await().atMost(Duration.ofSeconds(10)).until(() -> !alive(parentPid) && !alive(childPid));
    }

    @Test
    void scriptIgnoringSigtermIsKilledAfterTheGrace() throws Exception {
        Path pidFile = directory.resolve("stubborn.pid");
        Duration timeout = Duration.ofMillis(300);
        MiscProbe probe = new MiscProbe(List.of("/bin/sh", "-c",
                "trap '' TERM; echo $$ > " + pidFile + "; while :; do sleep 0.1; done"),
                timeout, false, timers, Duration.ofMillis(300));
        CheckResult result = run(probe);
        assertEquals(new CheckResult.TimedOut("command", timeout), result);
        long pid = pid(pidFile);
        await().atMost(Duration.ofSeconds(10)).until(() -> !alive(pid));
    }

    @Test
    void cancellingTheAttemptKillsTheCommand() throws Exception {
        Path pidFile = directory.resolve("cancelled.pid");
        MiscProbe probe = new MiscProbe(List.of("/bin/sh", "-c", "echo $$ > " + pidFile + "; exec sleep 30"),
                Duration.ofSeconds(60), false, timers);
        var attempt = probe.attempt();
        long pid = pid(pidFile);
        attempt.cancel(false);
        await().atMost(Duration.ofSeconds(10)).until(() -> !alive(pid));
    }
}
