package dev.vigil.daemon.metrics;

import static dev.vigil.daemon.metrics.MetricNames.RESULT;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reload metrics (see {@link MetricNames}): every reload counted by result, and whether the
 * last one applied (1 until the first reload: the running configuration loaded). Thread-safe.
 */
public final class ReloadMetrics {

    /** {@code result} label of a reload that applied the new configuration. */
    public static final String SUCCESS = "success";
    /** {@code result} label of a reload refused or failed; the old configuration runs on. */
    public static final String FAILED = "failed";

    private final Counter succeeded;
    private final Counter failed;
    /** Held strongly: Micrometer gauges hold their object weakly. */
    private final AtomicInteger lastSucceeded = new AtomicInteger(1);

    public ReloadMetrics(MeterRegistry registry) {
        this.succeeded = counter(registry, SUCCESS);
        this.failed = counter(registry, FAILED);
        Gauge.builder(MetricNames.RELOAD_LAST_SUCCESS, lastSucceeded, AtomicInteger::get)
                .description("1 when the last reload applied its configuration, 0 when it was refused")
                .register(registry);
    }

    private static Counter counter(MeterRegistry registry, String result) {
        return Counter.builder(MetricNames.RELOADS).description("configuration reloads by result")
                .tag(RESULT, result).register(registry);
    }

    /** A reload applied its configuration ({@code true}) or left the old one running. */
    public void onReload(boolean success) {
        (success ? succeeded : failed).increment();
        lastSucceeded.set(success ? 1 : 0);
    }
}
