package dev.vigil.healthcheck.probe;

/**
 * The status code of one SMTP reply line as keepalived's {@code smtp_get_status()}
 * (check_smtp.c) reads it: three digits followed by a space or the end of the line
 * (the line has its LF removed but keeps a CR). So a continuation line ("250-...") or a
 * bare "220\r" has no status. Pure.
 */
final class SmtpReply {

    /** Reply lines are at most this long; keepalived's buffer is SMTP_BUFF_MAX (512) with its NUL. */
    static final int MAX_LINE_BYTES = 511;
    /** Returned for a line without a readable status. */
    static final int NO_STATUS = -1;

    private SmtpReply() {
    }

    static int status(String line) {
        if (line.length() < 3) {
            return NO_STATUS;
        }
        for (int i = 0; i < 3; i++) {
            if (line.charAt(i) < '0' || line.charAt(i) > '9') {
                return NO_STATUS;
            }
        }
        if (line.length() > 3 && line.charAt(3) != ' ') {
            return NO_STATUS;
        }
        return Integer.parseInt(line.substring(0, 3));
    }
}
