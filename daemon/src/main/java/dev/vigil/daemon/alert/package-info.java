/**
 * Alerts as keepalived sends them: SMTP mail, notify FIFO lines and notify script arguments,
 * independent of the engines.
 *
 * <p>Data flow: the daemon maps engine events to {@link dev.vigil.daemon.alert.AlertEvent}s and
 * decides, as keepalived does, whether each is reported (smtp_alert flags, no_email_faults ...).
 * Pure formatters then give the exact keepalived bytes:
 * {@link dev.vigil.daemon.alert.AlertMailFormat} (subject and body),
 * {@link dev.vigil.daemon.alert.SmtpData} (the DATA block),
 * {@link dev.vigil.daemon.alert.NotifyFifoLine} and
 * {@link dev.vigil.daemon.alert.NotifyScriptArguments}.
 * {@link dev.vigil.daemon.alert.SmtpConversation} is the SMTP dialogue as a pure state machine.
 * {@link dev.vigil.daemon.alert.SmtpAlertSwitches} and {@link dev.vigil.daemon.alert.VrrpMailFilter}
 * hold keepalived's rules for which objects and which state changes are mailed.
 *
 * <p>I/O and threads: {@link dev.vigil.daemon.alert.SmtpAlerter} owns one Netty event-loop
 * thread ("vigil-smtp") on which queued mails are delivered one at a time by
 * {@link dev.vigil.daemon.alert.SmtpClient}; {@code submit} never blocks.
 * {@link dev.vigil.daemon.alert.NotifyFifo} owns one writer thread per pipe; {@code write} never
 * blocks. Vigil-only behaviour (retries, STARTTLS, AUTH, dot-stuffing, the size-limit fix) is
 * marked as such where it is defined; with the defaults the bytes on the wire are keepalived's.
 */
package dev.vigil.daemon.alert;
