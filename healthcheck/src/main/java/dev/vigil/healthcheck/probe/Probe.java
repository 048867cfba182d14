package dev.vigil.healthcheck.probe;

import dev.vigil.healthcheck.CheckResult;
import java.util.concurrent.CompletableFuture;

/**
 * Runs check attempts against one target. Each call to {@link #attempt()} starts an
 * independent attempt; the returned future always completes normally with a
 * {@link CheckResult} (never exceptionally), within the probe's timeouts. Cancelling the
 * future abandons the attempt and releases what it holds (socket, child process).
 */
@FunctionalInterface
public interface Probe {

    CompletableFuture<CheckResult> attempt();
}
