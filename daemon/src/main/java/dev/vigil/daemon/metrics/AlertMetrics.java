package dev.vigil.daemon.metrics;

import static dev.vigil.daemon.metrics.MetricNames.KIND;
import static dev.vigil.daemon.metrics.MetricNames.REASON;
import static dev.vigil.daemon.metrics.MetricNames.RESULT;

import dev.vigil.daemon.alert.MailDeliveryListener;
import dev.vigil.daemon.alert.MailMessage;
import dev.vigil.daemon.alert.SmtpOutcome;
import dev.vigil.daemon.alert.SubmitResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Alert and script metrics (see {@link MetricNames}): SMTP mails through
 * {@link #mailListener()} (give it to the SMTP alerter), scripts through the {@code onScript…}
 * methods. Never blocks, never throws. Thread-safe.
 */
public final class AlertMetrics {

    private final MeterRegistry registry;
    private final Counter sent;
    private final Counter failed;
    private final Counter retries;

    public AlertMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.sent = smtp("sent");
        this.failed = smtp("failed");
        this.retries = Counter.builder(MetricNames.SMTP_ALERT_RETRIES)
                .description("failed SMTP attempts that were retried").register(registry);
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

    /** A script of {@code kind} was not run, for {@code reason} (e.g. script security). */
    public void onScriptRefused(String kind, String reason) {
        Counter.builder(MetricNames.SCRIPT_REFUSED).description("scripts not run, by reason")
                .tags(KIND, kind, REASON, reason).register(registry).increment();
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
