package dev.vigil.vrrp.runtime;

import dev.vigil.vrrp.track.ScriptOutcome;
import java.util.concurrent.CompletionStage;

/**
 * Runs {@code vrrp_script}s for the runtime; {@link ProcessScriptExecutor} is the real one,
 * tests pass fakes. {@link #run} is called on the event loop and must not block it: the run
 * happens elsewhere and the returned stage completes (on any thread) with how it ended, a
 * timeout included. The runtime hands the outcome back to the loop itself.
 */
public interface ScriptExecutor extends AutoCloseable {

    /** Starts one run of {@code script}, killed after its timeout. */
    CompletionStage<ScriptOutcome> run(VrrpScript script);

    /** Stops every run still going; no outcome is delivered afterwards. */
    @Override
    void close();
}
