package dev.vigil.daemon.alert;

import java.util.List;

/**
 * One complete server reply: the three-digit code of its last line, or -1 when that line does
 * not start with three digits, and every line's text without CRLF.
 */
record SmtpReply(int code, List<String> lines) {

    public SmtpReply {
        lines = List.copyOf(lines);
    }

    /** The last line, the one whose code counts. */
    public String lastLine() {
        return lines.isEmpty() ? "" : lines.getLast();
    }
}
