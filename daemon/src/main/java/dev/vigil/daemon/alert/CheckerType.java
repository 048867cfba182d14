package dev.vigil.daemon.alert;

/**
 * The health checkers, as their results are reported by mail and in the status. Each writes
 * its own body text (see {@link AlertMailFormat}), except FILE_CHECK, which sends no mail
 * (check_file.c never calls {@code smtp_alert}).
 */
public enum CheckerType {
    TCP_CHECK,
    HTTP_GET,
    SSL_GET,
    SMTP_CHECK,
    DNS_CHECK,
    UDP_CHECK,
    PING_CHECK,
    MISC_CHECK,
    BFD_CHECK,
    FILE_CHECK;

    /** Whether keepalived mails this checker's results (all but FILE_CHECK). */
    public boolean mails() {
        return this != FILE_CHECK;
    }
}
