package dev.vigil.daemon.alert;

/**
 * Told what happens to each mail, for metrics and tests. Methods run on the alerter's event-loop
 * thread, except {@link #onDropped} for a full queue, which runs on the submitting thread; they
 * must return quickly and not throw.
 */
public interface MailDeliveryListener {

    /** A listener that ignores everything. */
    MailDeliveryListener NONE = new MailDeliveryListener() {
    };

    default void onDelivered(MailMessage message, int attempts) {
    }

    /** Attempt {@code attempt} failed with {@code outcome}; another will follow. */
    default void onRetry(MailMessage message, SmtpOutcome outcome, int attempt) {
    }

    /** The last attempt failed with {@code outcome}; the mail is given up. */
    default void onFailed(MailMessage message, SmtpOutcome outcome, int attempts) {
    }

    /** The mail was not queued, or was abandoned at close. */
    default void onDropped(MailMessage message, SubmitResult reason) {
    }
}
