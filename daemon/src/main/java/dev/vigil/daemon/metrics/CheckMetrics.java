package dev.vigil.daemon.metrics;

import static dev.vigil.daemon.metrics.MetricNames.CHECKER;
import static dev.vigil.daemon.metrics.MetricNames.REAL_SERVER;
import static dev.vigil.daemon.metrics.MetricNames.RESULT;
import static dev.vigil.daemon.metrics.MetricNames.VIRTUAL_SERVER;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Health-check metrics per real server (see {@link MetricNames}). Called by the checkers'
 * listener on checker threads; never blocks. {@code vigil_realserver_up} is also refreshed from
 * the controller's status before each scrape ({@link #observeHealth}, {@link #refresh}), so a real
 * server that has never changed state (healthy from the start) has its series too. Thread-safe.
 */
public final class CheckMetrics {

    private final MeterRegistry registry;
    /** Health per "virtual server\0real server", held strongly for the weakly-referencing gauge. */
    private final ConcurrentMap<String, AtomicInteger> health = new ConcurrentHashMap<>();
    private volatile Supplier<List<Health>> source = List::of;

    public CheckMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The health of one real server as the controller sees it. */
    public record Health(String virtualServer, String realServer, boolean up) {
    }

    /** From now on {@link #refresh} reads every real server's health from {@code current}. */
    public void observeHealth(Supplier<List<Health>> current) {
        source = current;
    }

    /** Sets {@code vigil_realserver_up} of every real server the observed source lists. */
    public void refresh() {
        for (Health h : source.get()) {
            onHealthChange(h.virtualServer(), h.realServer(), h.up());
        }
    }

    /** The real server is now healthy ({@code up}) or not. */
    public void onHealthChange(String virtualServer, String realServer, boolean up) {
        health.computeIfAbsent(key(virtualServer, realServer), key -> {
            AtomicInteger value = new AtomicInteger();
            Gauge.builder(MetricNames.REALSERVER_UP, value, AtomicInteger::get)
                    .description("1 when the real server is healthy")
                    .tags(VIRTUAL_SERVER, virtualServer, REAL_SERVER, realServer).register(registry);
            return value;
        }).set(up ? 1 : 0);
    }

    /** One check of {@code checker} (TCP_CHECK, HTTP_GET ...) ended with {@code outcome} after {@code latency}. */
    public void onCheckCompleted(String virtualServer, String realServer, String checker, CheckOutcome outcome,
                                 Duration latency) {
        Timer.builder(MetricNames.CHECK_DURATION).description("health check latency")
                .tags(VIRTUAL_SERVER, virtualServer, REAL_SERVER, realServer, CHECKER, checker)
                .register(registry).record(latency);
        Counter.builder(MetricNames.CHECK_RESULTS).description("completed health checks by result")
                .tags(VIRTUAL_SERVER, virtualServer, REAL_SERVER, realServer, CHECKER, checker, RESULT, outcome.label())
                .register(registry).increment();
    }

    /** Removes every series of the real server (after a reload deleted it). */
    public void remove(String virtualServer, String realServer) {
        health.remove(key(virtualServer, realServer));
        List<Meter> meters = registry.getMeters().stream()
                .filter(meter -> virtualServer.equals(meter.getId().getTag(VIRTUAL_SERVER))
                        && realServer.equals(meter.getId().getTag(REAL_SERVER)))
                .toList();
        meters.forEach(registry::remove);
    }

    private static String key(String virtualServer, String realServer) {
        return virtualServer + '\0' + realServer;
    }
}
