package dev.vigil.daemon.alert;

/** What {@link SmtpAlerter#submit} did with a mail. */
public enum SubmitResult {
    /** Queued for delivery. */
    QUEUED,
    /** keepalived sends no mail for this event. */
    NO_MAIL,
    /** The queue was full; the mail was dropped and counted. */
    QUEUE_FULL,
    /** The alerter is closed; the mail was dropped and counted. */
    CLOSED
}
