package dev.vigil.daemon.alert;

import dev.vigil.daemon.alert.AlertEvent.InstanceStateChanged;
import dev.vigil.daemon.alert.AlertEvent.QuorumChanged;
import dev.vigil.daemon.alert.AlertEvent.RealServerChecked;
import dev.vigil.daemon.alert.AlertEvent.RealServerRemoved;
import dev.vigil.daemon.alert.AlertEvent.SyncGroupStateChanged;
import java.util.Optional;

/**
 * The subject and body keepalived mails for each {@link AlertEvent}, byte for byte
 * (core/smtp.c {@code smtp_alert()}, vrrp/vrrp_notify.c, check/ipwrapper.c and each checker).
 * Pure: no I/O, no clock.
 *
 * <p>Subjects: {@code [<router_id>] VRRP Instance <name> - <what>},
 * {@code [<router_id>] VRRP Group <name> - <what>},
 * {@code [<router_id>] Realserver <RS> of virtual server <VS> - UP|DOWN} and
 * {@code [<router_id>] Virtualserver <VS> - UP|DOWN}.
 */
public final class AlertMailFormat {

    /** check_bfd.c formats its body into {@code char message[80]}. */
    private static final int BFD_BODY_MAX_BYTES = 79;
    /** check_smtp.c formats its body into {@code char smtp_buff[542]}. */
    private static final int SMTP_CHECK_BODY_MAX_BYTES = 541;
    /** ipwrapper.c formats the quorum body into {@code char message[80]}. */
    private static final int QUORUM_BODY_MAX_BYTES = 79;
    /** keepalived's quorum and hysteresis are C {@code unsigned} ints, printed with %u. */
    private static final long UNSIGNED_INT_MASK = 0xffff_ffffL;

    private AlertMailFormat() {
    }

    /**
     * The mail for {@code event}, or empty for events keepalived never mails (priority changes,
     * lower-priority adverts, plain real-server state changes, a deleted sync group).
     */
    public static Optional<MailMessage> format(AlertEvent event, String routerId) {
        String prefix = "[" + routerId + "] ";
        return switch (event) {
            case InstanceStateChanged e -> instanceMail(e, prefix);
            case SyncGroupStateChanged e -> groupMail(e, prefix);
            case RealServerChecked e -> Optional.of(new MailMessage(
                    realServerSubject(prefix, e.realServer(), e.virtualServer(), e.realServerAlive()),
                    checkerBody(e.verdict())));
            case RealServerRemoved e -> Optional.of(new MailMessage(
                    realServerSubject(prefix, e.realServer(), e.virtualServer(), false),
                    e.shuttingDown() ? "=> Shutting down <=" : "=> Removing <="));
            case QuorumChanged e -> Optional.of(new MailMessage(
                    prefix + "Virtualserver " + e.virtualServer().text() + " - " + upDown(e.up()),
                    quorumBody(e)));
            case AlertEvent.InstancePriorityChanged e -> Optional.empty();
            case AlertEvent.MasterReceivedLowerPriority e -> Optional.empty();
            case AlertEvent.RealServerStateChanged e -> Optional.empty();
        };
    }

    private static Optional<MailMessage> instanceMail(InstanceStateChanged e, String prefix) {
        String body = switch (e.state()) {
            case MASTER -> "=> VRRP Instance is now owning VRRP VIPs <=";
            case BACKUP, FAULT -> "=> VRRP Instance is no longer owning VRRP VIPs <=";
            case STOP -> "=> VRRP Instance stopping <=";
            case DELETED -> "=> VRRP Deleted at reload <=";
        };
        return Optional.of(new MailMessage(
                prefix + "VRRP Instance " + e.instance() + " - " + vrrpSubject(e.state()), body));
    }

    private static Optional<MailMessage> groupMail(SyncGroupStateChanged e, String prefix) {
        String body = switch (e.state()) {
            case MASTER -> "=> All VRRP group instances are now in MASTER state <=";
            case BACKUP -> "=> All VRRP group instances are now in BACKUP state <=";
            case FAULT -> "=> All VRRP group instances are now in FAULT state <=";
            case STOP -> "=> All VRRP group instances are now stopping <=";
            // vrrp_sync_smtp_notifier has no DELETED case: no mail.
            case DELETED -> null;
        };
        if (body == null) {
            return Optional.empty();
        }
        return Optional.of(new MailMessage(
                prefix + "VRRP Group " + e.group() + " - " + vrrpSubject(e.state()), body));
    }

    private static String vrrpSubject(VrrpState state) {
        return switch (state) {
            case MASTER -> "Entering MASTER state";
            case BACKUP -> "Entering BACKUP state";
            case FAULT -> "Entering FAULT state";
            case STOP -> "Stopping";
            case DELETED -> "Deleted";
        };
    }

    private static String realServerSubject(String prefix, Endpoint rs, VirtualServerId vs, boolean alive) {
        return prefix + "Realserver " + rs.text() + " of virtual server " + vs.text() + " - " + upDown(alive);
    }

    /** The body each checker writes; see the table in shared/reference/keepalived-behaviour.md section 3.4. */
    static String checkerBody(CheckerVerdict verdict) {
        boolean ok = verdict.succeeded();
        return switch (verdict.type()) {
            case TCP_CHECK -> ok ? "=> TCP CHECK succeed on service <=" : "=> TCP CHECK failed on service <=";
            case HTTP_GET, SSL_GET -> ok ? "=> CHECK succeed on service <="
                    : "=> CHECK failed on service : HTTP/SSL request failed <=";
            case SMTP_CHECK -> ok ? "=> CHECK succeed on service <=" : smtpCheckFailure(verdict.detail());
            case DNS_CHECK -> ok ? "=> DNS_CHECK: succeed on service <=" : "=> DNS_CHECK: failed on service <=";
            case UDP_CHECK -> ok ? "=> UDP CHECK succeed on service <=" : "=> UDP CHECK failed on service <=";
            case PING_CHECK -> ok ? "=> ICMP CHECK succeed on service <=" : "=> ICMP CHECK failed on service <=";
            case MISC_CHECK -> "=> MISC CHECK " + miscWords(verdict.status()) + " on service <=";
            case BFD_CHECK -> Texts.truncateUtf8("=> BFD CHECK " + verdict.detail() + " "
                    + (ok ? "succeeded" : "failed") + " on service <=", BFD_BODY_MAX_BYTES);
            case FILE_CHECK -> throw new IllegalArgumentException("FILE_CHECK sends no mail");
        };
    }

    private static String smtpCheckFailure(String reason) {
        if (reason.isEmpty()) {
            return "=> CHECK failed on service <=";
        }
        return Texts.truncateUtf8("=> CHECK failed on service : " + reason + " <=", SMTP_CHECK_BODY_MAX_BYTES);
    }

    private static String miscWords(CheckStatus status) {
        return switch (status) {
            case SUCCEEDED -> "succeeded";
            case FAILED -> "failed";
            case TIMED_OUT -> "timed out";
        };
    }

    /** {@code "=> %s %u+%u=%ld <= %ld <="}: always '+' and '<=', even when quorum is lost. */
    private static String quorumBody(QuorumChanged e) {
        if (e.transition() == QuorumTransition.SHUTTING_DOWN) {
            return "=> Shutting down <=";
        }
        return Texts.truncateUtf8("=> " + e.transition().words() + " " + (e.quorum() & UNSIGNED_INT_MASK)
                + "+" + (e.hysteresis() & UNSIGNED_INT_MASK) + "=" + e.threshold()
                + " <= " + e.weightSum() + " <=", QUORUM_BODY_MAX_BYTES);
    }

    private static String upDown(boolean up) {
        return up ? "UP" : "DOWN";
    }
}
