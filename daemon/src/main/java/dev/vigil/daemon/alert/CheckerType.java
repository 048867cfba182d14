package dev.vigil.daemon.alert;

/**
 * The health checkers whose results keepalived reports by mail. Each writes its own body text
 * (see {@link AlertMailFormat}); FILE_CHECK sends no mail (check_file.c never calls
 * {@code smtp_alert}), so it has no entry here.
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
    BFD_CHECK
}
