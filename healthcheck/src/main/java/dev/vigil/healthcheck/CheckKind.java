package dev.vigil.healthcheck;

/** The checker keywords of keepalived's real_server block, as a closed set. */
public enum CheckKind {
    TCP_CHECK,
    HTTP_GET,
    SSL_GET,
    SMTP_CHECK,
    DNS_CHECK,
    UDP_CHECK,
    MISC_CHECK,
    PING_CHECK
}
