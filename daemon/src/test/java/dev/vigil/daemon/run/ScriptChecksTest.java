package dev.vigil.daemon.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.vigil.daemon.controller.ScriptCommand;
import dev.vigil.daemon.controller.ScriptOutcome;
import dev.vigil.daemon.controller.ScriptRunner;
import dev.vigil.daemon.metrics.MetricNames;
import dev.vigil.daemon.metrics.VigilMetrics;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ScriptChecksTest {

    private static double count(VigilMetrics metrics, String name) {
        var counter = metrics.registry().find(name).tag("kind", ScriptChecks.NOTIFY_KIND).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void runsAndTimeoutsOfTheDaemonsScriptsAreCounted() throws Exception {
        VigilMetrics metrics = new VigilMetrics();
        try (ScriptRunner runner = new ScriptRunner(Duration.ofMillis(300), false,
                ScriptChecks.runTimeListener(metrics.alerts()), ScriptChecks.outcomeListener(metrics.alerts()))) {
            runner.run(ScriptCommand.of("/bin/true"), "notify_up", false).get(10, TimeUnit.SECONDS);
            runner.run(ScriptCommand.of("/bin/sh", "-c", "exit 4"), "notify_down", false).get(10, TimeUnit.SECONDS);
            assertInstanceOf(ScriptOutcome.TimedOut.class,
                    runner.run(ScriptCommand.of("/bin/sleep", "30"), "notify_master", false).get(10, TimeUnit.SECONDS));
            assertInstanceOf(ScriptOutcome.NotStarted.class,
                    runner.run(ScriptCommand.of("/nonexistent/script"), "notify", false).get(10, TimeUnit.SECONDS));
        }
        assertEquals(3, count(metrics, MetricNames.SCRIPT_RUNS), "true, exit 4 and the killed sleep ran");
        assertEquals(1, count(metrics, MetricNames.SCRIPT_TIMEOUTS));
    }
}
