package dev.vigil.daemon.alert;

/**
 * The steps of the SMTP dialogue, each with the reply code that lets it proceed (keepalived's
 * {@code SMTP_FSM} table in core/smtp.c, plus Vigil's EHLO, STARTTLS and AUTH steps).
 */
public enum SmtpStage {
    CONNECT(-1),
    GREETING(220),
    HELO(250),
    /** Vigil-only: used instead of HELO when STARTTLS or AUTH is configured. */
    EHLO(250),
    /** Vigil-only (RFC 3207). */
    STARTTLS(220),
    /** Vigil-only: the TLS handshake after STARTTLS. */
    TLS_HANDSHAKE(-1),
    /** Vigil-only (RFC 4954): {@code AUTH PLAIN <initial response>}, or the last LOGIN step. */
    AUTH(235),
    /** Vigil-only: {@code AUTH LOGIN}, waiting for the user name prompt. */
    AUTH_LOGIN_USER(334),
    /** Vigil-only: user name sent, waiting for the password prompt. */
    AUTH_LOGIN_PASSWORD(334),
    MAIL(250),
    RCPT(250),
    DATA(354),
    BODY(250),
    QUIT(221);

    private final int expectedCode;

    SmtpStage(int expectedCode) {
        this.expectedCode = expectedCode;
    }

    /** The reply code that completes this step, or -1 for steps without a reply. */
    public int expectedCode() {
        return expectedCode;
    }
}
