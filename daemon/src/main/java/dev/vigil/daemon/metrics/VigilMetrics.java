package dev.vigil.daemon.metrics;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The daemon's metrics: one {@link PrometheusMeterRegistry} and the binders the engines'
 * listeners call ({@link #vrrp()}, {@link #checks()}, {@link #ipvs()}, {@link #alerts()}).
 * Create one per daemon; there is no global registry. Thread-safe.
 */
public final class VigilMetrics {

    /** Content-Type of the Prometheus text exposition format 0.0.4, which {@link #scrape} writes. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final VrrpMetrics vrrp = new VrrpMetrics(registry);
    private final CheckMetrics checks = new CheckMetrics(registry);
    private final IpvsMetrics ipvs = new IpvsMetrics(registry);
    private final AlertMetrics alerts = new AlertMetrics(registry);
    private final ReloadMetrics reloads = new ReloadMetrics(registry);

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public VrrpMetrics vrrp() {
        return vrrp;
    }

    public CheckMetrics checks() {
        return checks;
    }

    public IpvsMetrics ipvs() {
        return ipvs;
    }

    public AlertMetrics alerts() {
        return alerts;
    }

    public ReloadMetrics reloads() {
        return reloads;
    }

    /**
     * Writes every metric in the Prometheus text format ({@link #CONTENT_TYPE}), the VRRP
     * snapshot-fed and the real-server health ones refreshed first ({@link VrrpMetrics#refresh},
     * {@link CheckMetrics#refresh}).
     */
    public void scrape(OutputStream out) throws IOException {
        vrrp.refresh();
        checks.refresh();
        registry.scrape(out, CONTENT_TYPE);
    }

    /** Every metric in the Prometheus text format, as a string. */
    public String scrape() {
        vrrp.refresh();
        checks.refresh();
        return registry.scrape(CONTENT_TYPE);
    }
}
