/**
 * Metrics: a Micrometer {@link io.micrometer.prometheusmetrics.PrometheusMeterRegistry} owned
 * by {@link dev.vigil.daemon.metrics.VigilMetrics}, the binders the engines' listeners call
 * ({@link dev.vigil.daemon.metrics.VrrpMetrics}, {@link dev.vigil.daemon.metrics.CheckMetrics},
 * {@link dev.vigil.daemon.metrics.IpvsMetrics}, {@link dev.vigil.daemon.metrics.AlertMetrics}),
 * and the HTTP endpoint of {@code --metrics} ({@link dev.vigil.daemon.metrics.MetricsEndpoint},
 * {@code /metrics} and {@code /status}). Names and labels are listed in
 * {@link dev.vigil.daemon.metrics.MetricNames}.
 *
 * <p>Threads: binders are called on the engines' threads and only update meters; the endpoint
 * serves each request on a virtual thread and reads the meters at scrape time.
 */
package dev.vigil.daemon.metrics;
