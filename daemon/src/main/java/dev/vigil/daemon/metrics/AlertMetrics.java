package dev.vigil.daemon.metrics;

import static dev.vigil.daemon.metrics.MetricNames.KIND;
import static dev.vigil.daemon.metrics.MetricNames.REASON;
import static dev.vigil.daemon.metrics.MetricNames.RESULT;
import static dev.vigil.daemon.metrics.MetricNames.SCRIPT;
import static dev.vigil.daemon.metrics.MetricNames.SUBJECT;

import dev.vigil.daemon.alert.MailDeliveryListener;
import dev.vigil.daemon.alert.MailMessage;
import dev.vigil.daemon.alert.SmtpOutcome;
import dev.vigil.daemon.alert.SubmitResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Alert and script metrics (see {@link MetricNames}): SMTP mails through
 * {@link #mailListener()} (give it to the SMTP alerter), refused scripts through
 * {@link #scriptsRefused} / {@link #scriptRefused}, script runs through the {@code onScript…}
 * methods. Never blocks, never throws. Thread-safe.
 */
public final class AlertMetrics {

    private final MeterRegistry registry;
    private final Counter sent;
    private final Counter failed;
    private final Counter retries;
    private final MultiGauge refusedGauge;
    /** Guarded by itself. */
    private final Set<RefusedScript> refused = new LinkedHashSet<>();

    public AlertMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.sent = smtp("sent");
        this.failed = smtp("failed");
        this.retries = Counter.builder(MetricNames.SMTP_ALERT_RETRIES)
                .description("failed SMTP attempts that were retried").register(registry);
        this.refusedGauge = MultiGauge.builder(MetricNames.SCRIPT_REFUSED)
                .description("configured scripts that are not run (1 each), by reason").register(registry);
    }

    /** A {@link MailDeliveryListener} that counts delivered, failed, retried and dropped mails. */
    public MailDeliveryListener mailListener() {
        return new MailDeliveryListener() {
            @Override
            public void onDelivered(MailMessage message, int attempts) {
                sent.increment();
            }

            @Override
            public void onRetry(MailMessage message, SmtpOutcome outcome, int attempt) {
                retries.increment();
            }

            @Override
            public void onFailed(MailMessage message, SmtpOutcome outcome, int attempts) {
                failed.increment();
            }

            @Override
            public void onDropped(MailMessage message, SubmitResult reason) {
                smtp("dropped").increment();
            }
        };
    }

    /** A script of {@code kind} (notify, track, misc_check ...) was started. */
    public void onScriptRun(String kind) {
        Counter.builder(MetricNames.SCRIPT_RUNS).description("scripts started")
                .tag(KIND, kind).register(registry).increment();
    }

    /**
     * A configured script that is not run.
     *
     * @param kind    its keyword ({@code notify_master}, {@code vrrp_script}, {@code misc_path}, ...)
     * @param subject what it belongs to ({@code (VI_1)}, a real server, ...)
     * @param script  the command as configured
     * @param reason  why ({@code unsafe_permissions}, {@code not_found}, {@code not_executable}, {@code account})
     */
    public record RefusedScript(String kind, String subject, String script, String reason) {
        public RefusedScript {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(script, "script");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Replaces the refused scripts (at start, and after a reload): one gauge series each, value 1. */
    public void scriptsRefused(Collection<RefusedScript> scripts) {
        synchronized (refused) {
            refused.clear();
            refused.addAll(scripts);
            publishRefused();
        }
    }

    /** Adds one refused script (refused at run time). */
    public void scriptRefused(RefusedScript script) {
        synchronized (refused) {
            if (refused.add(script)) {
                publishRefused();
            }
        }
    }

    private void publishRefused() {
        refusedGauge.register(refused.stream().map(r -> MultiGauge.Row.of(Tags.of(KIND, r.kind(), SUBJECT,
                r.subject(), SCRIPT, r.script(), REASON, r.reason()), 1)).toList(), true);
    }

    /** A script of {@code kind} was killed at its timeout. */
    public void onScriptTimeout(String kind) {
        Counter.builder(MetricNames.SCRIPT_TIMEOUTS).description("scripts killed at their timeout")
                .tag(KIND, kind).register(registry).increment();
    }

    private Counter smtp(String result) {
        return Counter.builder(MetricNames.SMTP_ALERTS).description("SMTP alert mails by result")
                .tag(RESULT, result).register(registry);
    }
}
