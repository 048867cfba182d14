package dev.vigil.daemon.alert;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits the server's byte stream into replies the way keepalived's {@code smtp_read_thread()}
 * (core/smtp.c) does: lines end with CRLF (a bare LF does not end a line), a line whose fourth
 * character is '-' continues the reply (RFC 5321 section 4.2.1), and the first line without it
 * completes the reply and gives its code. Input may arrive split anywhere. Pure; one reader
 * per connection, used from one thread.
 */
final class SmtpReplyReader {

    /**
     * keepalived reads into a 1024-byte buffer ({@code SMTP_BUFFER_MAX}) and gives up with QUIT
     * when unfinished input fills it; a line that long is reported as {@link Result#overflow()}.
     */
    static final int MAX_LINE_BYTES = 1023;

    /** The replies completed by one {@link #feed(byte[], int, int)}, and whether a line overflowed. */
    record Result(List<SmtpReply> replies, boolean overflow) {
    }

    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final List<String> pendingLines = new ArrayList<>();
    private boolean lastWasCr;
    private boolean overflowed;

    /** Consumes {@code length} bytes from {@code bytes} at {@code offset}. */
    Result feed(byte[] bytes, int offset, int length) {
        List<SmtpReply> replies = new ArrayList<>(1);
        for (int i = offset; i < offset + length && !overflowed; i++) {
            byte b = bytes[i];
            line.write(b);
            if (b == '\n' && lastWasCr) {
                completeLine(replies);
            } else if (line.size() > MAX_LINE_BYTES) {
                overflowed = true;
            }
            lastWasCr = b == '\r';
        }
        return new Result(replies, overflowed);
    }

    private void completeLine(List<SmtpReply> replies) {
        byte[] buffer = line.toByteArray();
        line.reset();
        String text = new String(buffer, 0, buffer.length - 2, StandardCharsets.UTF_8);
        pendingLines.add(text);
        if (text.length() > 3 && text.charAt(3) == '-') {
            return;
        }
        replies.add(new SmtpReply(code(text), pendingLines));
        pendingLines.clear();
    }

    private static int code(String text) {
        if (text.length() < 3) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < 3; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
