package dev.vigil.daemon.run;

import dev.vigil.daemon.metrics.AlertMetrics;
import dev.vigil.vrrp.runtime.ScriptExecutor;
import dev.vigil.vrrp.runtime.VrrpScript;
import dev.vigil.vrrp.track.ScriptOutcome;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * Counts {@code vrrp_script} runs in {@code vigil_script_runs_total{kind="vrrp_script"}} and
 * the ones killed at their timeout in {@code vigil_script_timeouts_total{kind="vrrp_script"}},
 * around the executor that runs them. A run is counted when it ends (a run cut short by the
 * runtime's stop is not). Thread-safe as its delegate.
 */
final class CountingScriptExecutor implements ScriptExecutor {

    /** The {@code kind} label of these series: the keyword of the block that defines the script. */
    static final String KIND = "vrrp_script";

    private final ScriptExecutor delegate;
    private final AlertMetrics metrics;

    CountingScriptExecutor(ScriptExecutor delegate, AlertMetrics metrics) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public CompletionStage<ScriptOutcome> run(VrrpScript script) {
        return delegate.run(script).whenComplete((outcome, failure) -> {
            if (outcome == null) {
                return;
            }
            metrics.onScriptRun(KIND);
            if (outcome.kind() == ScriptOutcome.Kind.TIMED_OUT) {
                metrics.onScriptTimeout(KIND);
            }
        });
    }

    @Override
    public void close() {
        delegate.close();
    }
}
