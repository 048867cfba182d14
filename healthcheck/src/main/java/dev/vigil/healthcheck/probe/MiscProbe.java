package dev.vigil.healthcheck.probe;

import dev.vigil.healthcheck.CheckResult;
import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * MISC_CHECK: runs the command (stdin from /dev/null, output discarded) and judges its exit
 * status with {@link MiscExit}. When it outlives the timeout, its whole process tree gets
 * SIGTERM, and SIGKILL {@link #DEFAULT_TERM_GRACE} later if still alive, as keepalived does
 * to the script's process group; the result is then {@link CheckResult.TimedOut}. Whatever
 * the command leaves behind when it exits after SIGTERM is killed too.
 *
 * <p>The command runs as the daemon's user; switching to MISC_CHECK's {@code user} is left
 * to the daemon (for example by prefixing the command).
 */
public final class MiscProbe implements Probe {

    /** keepalived waits 2 s between SIGTERM and SIGKILL (check_misc.c). */
    public static final Duration DEFAULT_TERM_GRACE = Duration.ofSeconds(2);
    private static final File DEV_NULL = new File("/dev/null");

    private final List<String> command;
    private final Duration timeout;
    private final boolean dynamic;
    private final ScheduledExecutorService timers;
    private final Duration termGrace;

    public MiscProbe(List<String> command, Duration timeout, boolean dynamic, ScheduledExecutorService timers) {
        this(command, timeout, dynamic, timers, DEFAULT_TERM_GRACE);
    }

    /** As above with a chosen pause between SIGTERM and SIGKILL. */
    public MiscProbe(List<String> command, Duration timeout, boolean dynamic, ScheduledExecutorService timers,
                     Duration termGrace) {
        this.command = List.copyOf(command);
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.dynamic = dynamic;
        this.timers = Objects.requireNonNull(timers, "timers");
        this.termGrace = Objects.requireNonNull(termGrace, "termGrace");
    }

    @Override
    public CompletableFuture<CheckResult> attempt() {
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(DEV_NULL))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.completedFuture(
                    CheckResult.failure("cannot run " + command.getFirst() + ": " + e.getMessage()));
        }
        return supervise(process);
    }

    private CompletableFuture<CheckResult> supervise(Process process) {
        CompletableFuture<CheckResult> result = new CompletableFuture<>();
        Termination termination = new Termination(process);
        ScheduledFuture<?> deadline = timers.schedule(termination::terminate, timeout.toNanos(), TimeUnit.NANOSECONDS);
        process.onExit().thenAccept(exited -> {
            deadline.cancel(false);
            if (termination.requested()) {
                termination.killLeftovers();
                result.complete(new CheckResult.TimedOut("command", timeout));
            } else {
                result.complete(MiscExit.judge(exited.exitValue(), dynamic));
            }
        });
        result.whenComplete((value, error) -> {
            if (error != null) {
                deadline.cancel(false);
                termination.kill();
            }
        });
        return result;
    }

    /** The SIGTERM-then-SIGKILL sequence for one process tree. */
    private final class Termination {
        private final Process process;
        /** Guarded by this. */
        private final List<ProcessHandle> tree = new ArrayList<>();
        private volatile boolean requested;

        Termination(Process process) {
            this.process = process;
        }

        boolean requested() {
            return requested;
        }

        synchronized void terminate() {
            requested = true;
            snapshot();
            tree.forEach(ProcessHandle::destroy);
            timers.schedule(this::kill, termGrace.toNanos(), TimeUnit.NANOSECONDS);
        }

        synchronized void kill() {
            requested = true;
            snapshot();
            tree.forEach(ProcessHandle::destroyForcibly);
        }

        synchronized void killLeftovers() {
            tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        }

        /** Adds the process and its current descendants (children first seen now included). */
        private void snapshot() {
            List<ProcessHandle> now = new ArrayList<>();
            now.add(process.toHandle());
            process.descendants().forEach(now::add);
            now.stream().filter(handle -> !tree.contains(handle)).forEach(tree::add);
        }
    }
}
