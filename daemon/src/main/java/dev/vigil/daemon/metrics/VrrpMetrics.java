package dev.vigil.daemon.metrics;

import static dev.vigil.daemon.metrics.MetricNames.FROM;
import static dev.vigil.daemon.metrics.MetricNames.INSTANCE;
import static dev.vigil.daemon.metrics.MetricNames.REASON;
import static dev.vigil.daemon.metrics.MetricNames.STATE;
import static dev.vigil.daemon.metrics.MetricNames.TO;

import dev.vigil.vrrp.fsm.VrrpState;
import dev.vigil.vrrp.runtime.InstanceSnapshot;
import dev.vigil.vrrp.runtime.InstanceStatistics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * VRRP metrics per instance (see {@link MetricNames}). The VRRP engine's listener calls these
 * methods on the VRRP thread; they only update counters and never block. The advert and
 * priority-0 counters and the priority gauge are fed from the runtime's
 * {@link InstanceSnapshot}s instead ({@link #observeSnapshots}, {@link #refresh}, run before each
 * scrape), since the runtime counts them itself and reports no per-packet event. {@link #remove}
 * drops an instance's series when a reload deletes it. Thread-safe.
 */
public final class VrrpMetrics {

    private final MeterRegistry registry;
    /** Per-instance state and priority, held strongly because Micrometer gauges hold them weakly. */
    private final ConcurrentMap<String, InstanceGauges> instances = new ConcurrentHashMap<>();
    private volatile Supplier<List<InstanceSnapshot>> snapshots = List::of;

    public VrrpMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The instance changed state; counts the transition and moves the state gauge. */
    public void onStateChange(String instance, VrrpState from, VrrpState to) {
        gauges(instance).state.set(to);
        Counter.builder(MetricNames.VRRP_TRANSITIONS).description("VRRP state changes")
                .tags(INSTANCE, instance, FROM, from.name(), TO, to.name()).register(registry).increment();
    }

    /** The instance's effective priority is now {@code priority}. */
    public void onPriorityChange(String instance, int priority) {
        gauges(instance).priority.set(priority);
    }

    public void onAdvertSent(String instance) {
        gauges(instance).sent.increment();
    }

    public void onAdvertReceived(String instance) {
        gauges(instance).received.increment();
    }

    /** An advert was dropped for {@code reason} (e.g. a reject reason's name); instance "" when none matched. */
    public void onAdvertRejected(String instance, String reason) {
        Counter.builder(MetricNames.VRRP_ADVERTS_REJECTED).description("VRRP advertisements dropped, by reason")
                .tags(INSTANCE, instance, REASON, reason).register(registry).increment();
    }

    public void onPriorityZeroSent(String instance) {
        counter(MetricNames.VRRP_PRIORITY_ZERO_SENT, "VRRP priority-0 advertisements sent", instance).increment();
    }

    public void onPriorityZeroReceived(String instance) {
        counter(MetricNames.VRRP_PRIORITY_ZERO_RECEIVED, "VRRP priority-0 advertisements received", instance)
                .increment();
    }

    /** From now on {@link #refresh} reads the runtime's snapshots from {@code source}. */
    public void observeSnapshots(Supplier<List<InstanceSnapshot>> source) {
        snapshots = java.util.Objects.requireNonNull(source, "source");
    }

    /** Brings the snapshot-fed series up to the latest snapshots of the bound source. */
    public void refresh() {
        snapshots.get().forEach(this::observe);
    }

    /**
     * Brings the instance's advert and priority-0 counters up to the snapshot's totals (adding the
     * difference since the last snapshot; a total lower than before — a restarted runtime — counts
     * from zero) and sets its priority gauge.
     */
    public void observe(InstanceSnapshot snapshot) {
        InstanceGauges gauges = gauges(snapshot.name());
        gauges.priority.set(snapshot.effectivePriority());
        InstanceStatistics stats = snapshot.statistics();
        synchronized (gauges) {
            gauges.lastSent = advance(gauges.sent, gauges.lastSent, stats.advertsSent());
            gauges.lastReceived = advance(gauges.received, gauges.lastReceived, stats.advertsReceived());
            gauges.lastZeroSent = advance(counter(MetricNames.VRRP_PRIORITY_ZERO_SENT,
                    "VRRP priority-0 advertisements sent", snapshot.name()), gauges.lastZeroSent,
                    stats.priorityZeroSent());
            gauges.lastZeroReceived = advance(counter(MetricNames.VRRP_PRIORITY_ZERO_RECEIVED,
                    "VRRP priority-0 advertisements received", snapshot.name()), gauges.lastZeroReceived,
                    stats.priorityZeroReceived());
        }
    }

    private static long advance(Counter counter, long last, long total) {
        long delta = total >= last ? total - last : total;
        if (delta > 0) {
            counter.increment(delta);
        }
        return total;
    }

    /** Removes every series of {@code instance} (after a reload deleted it). */
    public void remove(String instance) {
        instances.remove(instance);
        List<Meter> meters = registry.getMeters().stream()
                .filter(meter -> meter.getId().getName().startsWith("vigil.vrrp."))
                .filter(meter -> instance.equals(meter.getId().getTag(INSTANCE)))
                .toList();
        meters.forEach(registry::remove);
    }

    private Counter counter(String name, String description, String instance) {
        return Counter.builder(name).description(description).tag(INSTANCE, instance).register(registry);
    }

    private InstanceGauges gauges(String instance) {
        return instances.computeIfAbsent(instance, this::register);
    }

    private InstanceGauges register(String instance) {
        InstanceGauges gauges = new InstanceGauges(
                counter(MetricNames.VRRP_ADVERTS_SENT, "VRRP advertisements sent", instance),
                counter(MetricNames.VRRP_ADVERTS_RECEIVED, "VRRP advertisements received and accepted", instance));
        for (VrrpState state : VrrpState.values()) {
            Gauge.builder(MetricNames.VRRP_STATE, gauges.state, current -> current.get() == state ? 1 : 0)
                    .description("1 for the VRRP instance's current state")
                    .tags(INSTANCE, instance, STATE, state.name()).register(registry);
        }
        Gauge.builder(MetricNames.VRRP_PRIORITY, gauges.priority, AtomicInteger::get)
                .description("effective VRRP priority").tag(INSTANCE, instance).register(registry);
        return gauges;
    }

    private static final class InstanceGauges {
        final AtomicReference<VrrpState> state = new AtomicReference<>(VrrpState.INIT);
        final AtomicInteger priority = new AtomicInteger();
        final Counter sent;
        final Counter received;
        /** Snapshot totals already counted; guarded by this object. */
        long lastSent;
        long lastReceived;
        long lastZeroSent;
        long lastZeroReceived;

        InstanceGauges(Counter sent, Counter received) {
            this.sent = sent;
            this.received = received;
        }
    }
}
