package dev.vigil.daemon.alert;

import java.util.Objects;
import java.util.Optional;

/**
 * Whether each object sends mail, resolved as keepalived resolves its {@code smtp_alert}
 * keywords. Each level's own {@code smtp_alert} wins; otherwise the global keywords decide:
 *
 * <ul>
 * <li>vrrp_instance and vrrp_sync_group: {@code smtp_alert_vrrp}, then {@code smtp_alert}, else
 *     off (vrrp.c, the instance and sync group completion).</li>
 * <li>virtual_server (quorum mails): {@code smtp_alert_checker}, then {@code smtp_alert}, else off
 *     (check_data.c).</li>
 * <li>real_server (checker and removal mails): {@code smtp_alert_checker}, then
 *     {@code smtp_alert}, else <b>on</b>; keepalived keeps this inconsistent default for backward
 *     compatibility. A real server does not inherit its virtual server's setting.</li>
 * </ul>
 *
 * @param smtpAlert        global {@code smtp_alert}, if given
 * @param smtpAlertVrrp    global {@code smtp_alert_vrrp}, if given
 * @param smtpAlertChecker global {@code smtp_alert_checker}, if given
 */
public record SmtpAlertSwitches(Optional<Boolean> smtpAlert, Optional<Boolean> smtpAlertVrrp,
                                Optional<Boolean> smtpAlertChecker) {

    /** No global keyword given. */
    public static final SmtpAlertSwitches NONE = new SmtpAlertSwitches(Optional.empty(), Optional.empty(),
            Optional.empty());

    public SmtpAlertSwitches {
        Objects.requireNonNull(smtpAlert, "smtpAlert");
        Objects.requireNonNull(smtpAlertVrrp, "smtpAlertVrrp");
        Objects.requireNonNull(smtpAlertChecker, "smtpAlertChecker");
    }

    /** A vrrp_instance or vrrp_sync_group with its own {@code smtp_alert}, if given. */
    public boolean vrrp(Optional<Boolean> own) {
        return own.or(() -> smtpAlertVrrp).or(() -> smtpAlert).orElse(false);
    }

    /** A virtual_server with its own {@code smtp_alert}, if given. */
    public boolean virtualServer(Optional<Boolean> own) {
        return own.or(() -> smtpAlertChecker).or(() -> smtpAlert).orElse(false);
    }

    /** A real_server with its own {@code smtp_alert}, if given. */
    public boolean realServer(Optional<Boolean> own) {
        return own.or(() -> smtpAlertChecker).or(() -> smtpAlert).orElse(true);
    }

    /**
     * Whether a checker's report is mailed: the real server has smtp_alert and either its alive
     * state changed or {@code no_checker_emails} is off (each checker in check/*.c).
     */
    public static boolean checkerReportMailed(boolean realServerSmtpAlert, boolean aliveChanged,
                                              boolean noCheckerEmails) {
        return realServerSmtpAlert && (aliveChanged || !noCheckerEmails);
    }
}
