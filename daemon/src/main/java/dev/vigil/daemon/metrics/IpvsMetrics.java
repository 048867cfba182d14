package dev.vigil.daemon.metrics;

import static dev.vigil.daemon.metrics.MetricNames.DIRECTION;
import static dev.vigil.daemon.metrics.MetricNames.SERVICE;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;

/**
 * IPVS per-service traffic metrics (see {@link MetricNames}). The backend's statistics are
 * cumulative and kept by the kernel or the forwarder, so this class stores the latest
 * {@link ServiceStats} snapshot per service ({@link #update}) and the registry reads it at
 * scrape time: counters are function counters over the snapshot, rates are gauges. A counter
 * that goes down (service re-created) is a reset, which Prometheus handles. Thread-safe.
 */
public final class IpvsMetrics {

    private static final String IN = "in";
    private static final String OUT = "out";

    private final MeterRegistry registry;
    /** Latest snapshot per service, held strongly for the weakly-referencing meters. */
    private final ConcurrentMap<String, AtomicReference<ServiceStats>> services = new ConcurrentHashMap<>();

    public IpvsMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The latest statistics of {@code service} (e.g. "[10.10.10.2]:tcp:80"). */
    public void update(String service, ServiceStats stats) {
        services.computeIfAbsent(service, this::register).set(stats);
    }

    /** Removes every series of {@code service}. */
    public void remove(String service) {
        services.remove(service);
        List<Meter> meters = registry.getMeters().stream()
                .filter(meter -> meter.getId().getName().startsWith("vigil.ipvs.service."))
                .filter(meter -> service.equals(meter.getId().getTag(SERVICE)))
                .toList();
        meters.forEach(registry::remove);
    }

    private AtomicReference<ServiceStats> register(String service) {
        AtomicReference<ServiceStats> latest = new AtomicReference<>(ServiceStats.ZERO);
        counter(MetricNames.IPVS_SERVICE_CONNECTIONS, "connections scheduled", service, null, latest,
                ServiceStats::connections);
        counter(MetricNames.IPVS_SERVICE_PACKETS, "packets", service, IN, latest, ServiceStats::packetsIn);
        counter(MetricNames.IPVS_SERVICE_PACKETS, "packets", service, OUT, latest, ServiceStats::packetsOut);
        counter(MetricNames.IPVS_SERVICE_BYTES, "bytes", service, IN, latest, ServiceStats::bytesIn);
        counter(MetricNames.IPVS_SERVICE_BYTES, "bytes", service, OUT, latest, ServiceStats::bytesOut);
        gauge(MetricNames.IPVS_SERVICE_CONNECTION_RATE, "connections per second", service, null, latest,
                ServiceStats::connectionRate);
        gauge(MetricNames.IPVS_SERVICE_PACKET_RATE, "packets per second", service, IN, latest, ServiceStats::packetRateIn);
        gauge(MetricNames.IPVS_SERVICE_PACKET_RATE, "packets per second", service, OUT, latest,
                ServiceStats::packetRateOut);
        gauge(MetricNames.IPVS_SERVICE_BYTE_RATE, "bytes per second", service, IN, latest, ServiceStats::byteRateIn);
        gauge(MetricNames.IPVS_SERVICE_BYTE_RATE, "bytes per second", service, OUT, latest, ServiceStats::byteRateOut);
        return latest;
    }

    private void counter(String name, String description, String service, String direction,
                         AtomicReference<ServiceStats> latest, ToDoubleFunction<ServiceStats> value) {
        FunctionCounter.Builder<AtomicReference<ServiceStats>> builder = FunctionCounter
                .builder(name, latest, ref -> value.applyAsDouble(ref.get()))
                .description("IPVS service " + description).tag(SERVICE, service);
        if (direction != null) {
            builder.tag(DIRECTION, direction);
        }
        builder.register(registry);
    }

    private void gauge(String name, String description, String service, String direction,
                       AtomicReference<ServiceStats> latest, ToDoubleFunction<ServiceStats> value) {
        Gauge.Builder<AtomicReference<ServiceStats>> builder = Gauge
                .builder(name, latest, ref -> value.applyAsDouble(ref.get()))
                .description("IPVS service " + description).tag(SERVICE, service);
        if (direction != null) {
            builder.tag(DIRECTION, direction);
        }
        builder.register(registry);
    }
}
