package dev.vigil.healthcheck.probe;

import dev.vigil.healthcheck.Md5Digest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.OptionalLong;

/**
 * Reads an HTTP response the way keepalived's checker does (lib/html.c, check_http.c
 * {@code http_process_response()}): no HTTP parser, just the raw stream until the server
 * closes it. The header ends at the first CRLF CRLF; the status code is the three digits
 * between the first and second space of the first line; the body is everything after the
 * header, hashed with MD5 up to Content-Length when that header is present (no chunked
 * decoding, as in keepalived).
 *
 * <p>Pure and incremental: {@link #feed} the bytes as they arrive, then {@link #finish()}.
 * Not thread-safe.
 */
public final class HttpResponseScanner {

    /**
     * Header bytes kept at most. keepalived's buffer holds 4 KiB (MAX_BUFFER_LENGTH); Vigil
     * allows larger headers but still bounds memory.
     */
    public static final int MAX_HEADER_BYTES = 64 * 1024;
    /** CR LF CR LF as the last four bytes seen, big-endian. */
    private static final int HEADER_END = 0x0d0a0d0a;

    private final ByteArrayOutputStream header = new ByteArrayOutputStream(512);
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final MessageDigest md5;
    private final int keepLimit;
    private boolean headerComplete;
    private boolean headerOverflow;
    private int lastFour;
    private int statusCode;
    private OptionalLong contentLength = OptionalLong.empty();
    private long bodyBytes;

    /** A scanner keeping the first {@code keepBodyBytes} body bytes for inspection. */
    public HttpResponseScanner(int keepBodyBytes) {
        this.keepLimit = keepBodyBytes;
        try {
            this.md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides MD5", e);
        }
    }

    /** Takes the next {@code length} bytes of the stream. */
    public void feed(byte[] data, int offset, int length) {
        int at = offset;
        int end = offset + length;
        while (!headerComplete && at < end) {
            byte b = data[at++];
            if (header.size() < MAX_HEADER_BYTES) {
                header.write(b);
            } else {
                headerOverflow = true;
            }
            lastFour = lastFour << 8 | (b & 0xff);
            headerComplete = !headerOverflow && lastFour == HEADER_END;
            if (headerComplete) {
                parseHeader(header.toString(StandardCharsets.ISO_8859_1));
            }
        }
        if (headerComplete && at < end) {
            body(data, at, end - at);
        }
    }

    private void body(byte[] data, int offset, int length) {
        long hashable = contentLength.isPresent()
                ? Math.max(0, Math.min(length, contentLength.getAsLong() - bodyBytes)) : length;
        md5.update(data, offset, (int) hashable);
        int keep = Math.max(0, Math.min(length, keepLimit - kept.size()));
        kept.write(data, offset, keep);
        bodyBytes += length;
    }

    private void parseHeader(String text) {
        int lineEnd = text.indexOf("\r\n");
        statusCode = statusCode(text.substring(0, lineEnd));
        for (String line : text.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).equalsIgnoreCase("Content-Length")) {
                contentLength = number(line.substring(colon + 1));
            }
        }
    }

    /** keepalived's {@code extract_status_code()}: "VERSION SP ddd SP ...", else 0. */
    static int statusCode(String statusLine) {
        int space = statusLine.indexOf(' ');
        if (space < 0 || statusLine.length() < space + 5 || statusLine.charAt(space + 4) != ' ') {
            return 0;
        }
        String digits = statusLine.substring(space + 1, space + 4);
        return digits.chars().allMatch(c -> c >= '0' && c <= '9') ? Integer.parseInt(digits) : 0;
    }

    private static OptionalLong number(String value) {
        String trimmed = value.strip();
        boolean digits = !trimmed.isEmpty() && trimmed.length() <= 18
                && trimmed.chars().allMatch(c -> c >= '0' && c <= '9');
        return digits ? OptionalLong.of(Long.parseLong(trimmed)) : OptionalLong.empty();
    }

    /** The result so far; call once the stream has ended. */
    public ScannedResponse finish() {
        return new ScannedResponse(headerComplete, statusCode, contentLength, bodyBytes,
                Md5Digest.of(md5.digest()), header.toString(StandardCharsets.ISO_8859_1),
                kept.toByteArray());
    }
}
