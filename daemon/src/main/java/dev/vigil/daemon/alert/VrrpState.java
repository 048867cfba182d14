package dev.vigil.daemon.alert;

/**
 * The VRRP states keepalived reports to notify scripts, the notify FIFO and SMTP alerts.
 * {@link #keyword()} is the word keepalived writes ({@code vrrp_notify.c}, {@code notify_fifo()}
 * and {@code notify_script_exec()}).
 */
public enum VrrpState {
    MASTER("MASTER"),
    BACKUP("BACKUP"),
    FAULT("FAULT"),
    STOP("STOP"),
    /**
     * Removed at reload. keepalived reports it as DELETED only when {@code notify_deleted} is
     * set, and as FAULT otherwise (vrrp_notify.c, send_instance_notifies); the daemon decides
     * which of the two to put in the event.
     */
    DELETED("DELETED");

    private final String keyword;

    VrrpState(String keyword) {
        this.keyword = keyword;
    }

    /** The upper-case word keepalived prints for this state. */
    public String keyword() {
        return keyword;
    }
}
