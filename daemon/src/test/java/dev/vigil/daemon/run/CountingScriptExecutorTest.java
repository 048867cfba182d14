package dev.vigil.daemon.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.daemon.metrics.MetricNames;
import dev.vigil.daemon.metrics.VigilMetrics;
import dev.vigil.vrrp.runtime.ProcessScriptExecutor;
import dev.vigil.vrrp.runtime.VrrpScript;
import dev.vigil.vrrp.track.ScriptOutcome;
import dev.vigil.vrrp.track.Weight;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** vrrp_script runs, run for real, counted in the script metrics with kind vrrp_script. */
class CountingScriptExecutorTest {

    private static double count(VigilMetrics metrics, String name) {
        var counter = metrics.registry().find(name).tag("kind", CountingScriptExecutor.KIND).counter();
        return counter == null ? 0 : counter.count();
    }

    private static VrrpScript script(String name, Duration timeout, String... command) {
        return new VrrpScript(name, List.of(command), Duration.ofSeconds(1), timeout, 1, 1, Weight.FAULT_ONLY, false,
                Optional.empty());
    }

    @Test
    void everyEndedRunCountsAndTimeoutsCountTwice() throws Exception {
        VigilMetrics metrics = new VigilMetrics();
        try (CountingScriptExecutor executor = new CountingScriptExecutor(new ProcessScriptExecutor(),
                metrics.alerts())) {
            Duration generous = Duration.ofSeconds(10);
            assertEquals(ScriptOutcome.exited(0), executor.run(script("ok", generous, "true"))
                    .toCompletableFuture().get(20, TimeUnit.SECONDS));
            assertEquals(ScriptOutcome.exited(1), executor.run(script("bad", generous, "false"))
                    .toCompletableFuture().get(20, TimeUnit.SECONDS));
            assertEquals(ScriptOutcome.timedOut(), executor.run(script("slow", Duration.ofMillis(200), "sleep", "30"))
                    .toCompletableFuture().get(20, TimeUnit.SECONDS));
        }
        assertEquals(3, count(metrics, MetricNames.SCRIPT_RUNS));
        assertEquals(1, count(metrics, MetricNames.SCRIPT_TIMEOUTS));
    }
}
