package dev.vigil.daemon.alert;

/**
 * A snapshot of {@link SmtpAlerter}'s counters (for metrics).
 *
 * @param submitted mails accepted into the queue
 * @param delivered mails the server accepted
 * @param failed    mails given up after their last attempt
 * @param dropped   mails not queued (queue full) or abandoned at close
 * @param retries   attempts beyond each mail's first
 * @param queued    mails waiting or in flight now
 */
public record MailStats(long submitted, long delivered, long failed, long dropped, long retries, int queued) {
}
