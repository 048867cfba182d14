package dev.vigil.daemon.alert;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The bytes sent after {@code DATA} is accepted, as keepalived's {@code body_cmd()} (core/smtp.c)
 * writes them:
 *
 * <pre>
 * Date: Sat, 21 Nov 2026 09:12:01 +0100\r\n
 * From: &lt;notification_email_from, verbatim&gt;\r\n
 * Subject: &lt;subject&gt;\r\n
 * X-Mailer: Keepalived\r\n
 * To: a@example.com,\r\n b@example.com\r\n
 * \r\n
 * &lt;body&gt;\r\n
 * \r\n.\r\n
 * </pre>
 *
 * <p>The date is {@code strftime("%a, %d %b %Y %H:%M:%S %z")} of local time in the C locale.
 *
 * <p>Two deliberate differences, both invisible for every mail keepalived itself produces:
 * <ul>
 * <li>Dot-stuffing (RFC 5321 section 4.5.2): keepalived does none, so a body line starting with
 *     '.' would corrupt its mail; Vigil doubles such a dot. keepalived's own texts never start a
 *     line with '.', so their bytes are unchanged.</li>
 * <li>Size: keepalived writes into a {@value #MAX_BYTES}+1-byte buffer with {@code snprintf}, so
 *     a block longer than {@value #MAX_BYTES} bytes (many recipients) loses its terminating
 *     {@code "\r\n.\r\n"}, the server waits for more and the mail is never delivered. Vigil keeps
 *     the same {@value #MAX_BYTES}-byte limit but cuts the text before it and always ends with the
 *     terminator, so the truncated mail is still delivered ({@link Block#truncated()} is true).</li>
 * </ul>
 */
public final class SmtpData {

    /** {@code SMTP_BUFFER_MAX} (1024) minus the C string's NUL. */
    public static final int MAX_BYTES = 1023;

    /** {@code "%a, %d %b %Y %H:%M:%S %z"} in the C locale: English names, numeric offset +hhmm. */
    private static final DateTimeFormatter RFC822_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US);

    private static final byte[] TERMINATOR = "\r\n.\r\n".getBytes(StandardCharsets.US_ASCII);

    private SmtpData() {
    }

    /** The rendered block; {@code truncated} tells whether the keepalived size limit cut it. */
    public record Block(byte[] bytes, boolean truncated) {
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** keepalived's Date header value for {@code time}, e.g. {@code Sat, 21 Nov 2026 09:12:01 +0100}. */
    public static String date(ZonedDateTime time) {
        return RFC822_DATE.format(time);
    }

    /**
     * The DATA block for {@code message} from {@code from} to {@code recipients} (in order),
     * dated {@code time}.
     */
    public static Block render(String from, List<String> recipients, MailMessage message, ZonedDateTime time) {
        StringBuilder text = new StringBuilder(512);
        text.append("Date: ").append(date(time)).append("\r\n")
                .append("From: ").append(from).append("\r\n")
                .append("Subject: ").append(message.subject()).append("\r\n")
                .append("X-Mailer: Keepalived\r\n")
                .append("To:");
        for (int i = 0; i < recipients.size(); i++) {
            text.append(i == 0 ? "" : ",\r\n").append(' ').append(recipients.get(i));
        }
        text.append("\r\n\r\n").append(message.body()).append("\r\n");
        byte[] content = dotStuff(text.toString()).getBytes(StandardCharsets.UTF_8);
        if (content.length + TERMINATOR.length <= MAX_BYTES) {
            return new Block(concat(content, content.length), false);
        }
        return new Block(concat(content, cutPoint(content, MAX_BYTES - TERMINATOR.length)), true);
    }

    /** RFC 5321 section 4.5.2: a line that starts with '.' gets one more '.'. */
    private static String dotStuff(String text) {
        if (text.indexOf('.') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        boolean lineStart = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (lineStart && c == '.') {
                out.append('.');
            }
            out.append(c);
            lineStart = c == '\n';
        }
        return out.toString();
    }

    /**
     * Where to cut {@code content} so at most {@code limit} bytes remain: not inside a UTF-8
     * sequence, and not right after a lone CR (a bare CR before the terminator's CRLF).
     */
    private static int cutPoint(byte[] content, int limit) {
        int cut = limit;
        while (cut > 0 && (content[cut] & 0xc0) == 0x80) {
            cut--;
        }
        if (cut > 0 && content[cut - 1] == '\r') {
            cut--;
        }
        return cut;
    }

    private static byte[] concat(byte[] content, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + TERMINATOR.length);
        out.write(content, 0, length);
        out.write(TERMINATOR, 0, TERMINATOR.length);
        return out.toByteArray();
    }
}
