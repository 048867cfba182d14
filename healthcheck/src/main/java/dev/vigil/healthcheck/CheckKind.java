package dev.vigil.healthcheck;

/**
 * The checker keywords of keepalived's real_server block that Vigil implements. BFD_CHECK is
 * not here (yet).
 */
public enum CheckKind {
    TCP_CHECK,
    HTTP_GET,
    SSL_GET,
    SMTP_CHECK,
    DNS_CHECK,
    UDP_CHECK,
    PING_CHECK,
    MISC_CHECK,
    FILE_CHECK
}
