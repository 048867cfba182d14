package dev.vigil.vrrp.runtime;

import dev.vigil.vrrp.track.ScriptOutcome;
import java.io.File;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real {@link ScriptExecutor}: one platform thread per run starts the process with
 * {@link ProcessBuilder} (no shell; stdin from {@code /dev/null}, output discarded), waits up
 * to the script's timeout and then kills the process and all its descendants, as keepalived
 * kills a timed-out script's process group. Exit status 0 is a success; anything else, a
 * timeout, or a program that cannot be started is a failure (vrrp_scheduler.c
 * vrrp_script_child_thread). {@code user} is not applied: the script runs as the daemon's user
 * and that is logged once per script.
 *
 * <p>Platform, not virtual, threads: a new thread starts in the network namespace of the thread
 * that creates it, here the runtime's event loop, so scripts run in the runtime's namespace as
 * keepalived's do (a virtual thread's carrier could be in any namespace). A run costs a thread
 * for its duration, next to the process it already costs.
 */
public final class ProcessScriptExecutor implements ScriptExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessScriptExecutor.class);
    /** The shell's convention for "command not found / not executable". */
    private static final int CANNOT_EXECUTE = 127;
    private static final File DEV_NULL = new File("/dev/null");

    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(
            Thread.ofPlatform().name("vrrp-script-", 0).daemon(true).factory());
    private final Set<String> userNoted = ConcurrentHashMap.newKeySet();

    @Override
    public CompletionStage<ScriptOutcome> run(VrrpScript script) {
        script.user().filter(u -> userNoted.add(script.name())).ifPresent(u -> LOG.info(
                "vrrp_script {}: user {} is not applied; it runs as the daemon's user", script.name(), u));
        CompletableFuture<ScriptOutcome> outcome = new CompletableFuture<>();
        try {
            threads.execute(() -> outcome.complete(runNow(script)));
        } catch (RejectedExecutionException e) {
            outcome.cancel(false);
        }
        return outcome;
    }

    private static ScriptOutcome runNow(VrrpScript script) {
        Process process;
        try {
            process = new ProcessBuilder(script.command()).redirectInput(DEV_NULL)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException | RuntimeException e) {
            LOG.warn("vrrp_script {}: cannot start {}: {}", script.name(), script.command().getFirst(), e.getMessage());
            return ScriptOutcome.exited(CANNOT_EXECUTE);
        }
        try {
            if (process.waitFor(script.timeout().toNanos(), TimeUnit.NANOSECONDS)) {
                return ScriptOutcome.exited(process.exitValue());
            }
            LOG.warn("vrrp_script {} timed out after {} ms; killing it", script.name(), script.timeout().toMillis());
            killTree(process);
            return ScriptOutcome.timedOut();
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            return ScriptOutcome.timedOut();
        }
    }

    private static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
