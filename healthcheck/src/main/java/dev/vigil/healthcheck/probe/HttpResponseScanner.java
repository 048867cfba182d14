package dev.vigil.healthcheck.probe;

import dev.vigil.healthcheck.Md5Digest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;
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
 * The header is read from its bytes without building strings or regexes, and the body is
 * hashed only when asked, because a checker runs this thousands of times a second. Not
 * thread-safe.
 */
public final class HttpResponseScanner {

    /**
     * Header bytes kept at most. keepalived's buffer holds 4 KiB (MAX_BUFFER_LENGTH); Vigil
     * allows larger headers but still bounds memory.
     */
    public static final int MAX_HEADER_BYTES = 64 * 1024;
    /** CR LF CR LF as the last four bytes seen, big-endian. */
    private static final int HEADER_END = 0x0d0a0d0a;
    /** A typical response header fits without growing the buffer. */
    private static final int INITIAL_HEADER_BYTES = 256;
    private static final byte[] CONTENT_LENGTH = "content-length".getBytes(StandardCharsets.US_ASCII);
    /** Content-Length values longer than this are not numbers keepalived would use. */
    private static final int MAX_LENGTH_DIGITS = 18;

    private byte[] header = new byte[INITIAL_HEADER_BYTES];
    private int headerLength;
    private byte[] kept = new byte[0];
    private int keptLength;
    private final MessageDigest md5;
    private final int keepLimit;
    private boolean headerComplete;
    private boolean headerOverflow;
    private int lastFour;
    private int statusCode;
    private OptionalLong contentLength = OptionalLong.empty();
    private long bodyBytes;

    /** A scanner that hashes the body and keeps its first {@code keepBodyBytes} bytes. */
    public HttpResponseScanner(int keepBodyBytes) {
        this(keepBodyBytes, true);
    }

    /**
     * @param keepBodyBytes body bytes kept for inspection (a url's regex)
     * @param digest        whether to compute the body's MD5 (a url's digest, genhash)
     */
    public HttpResponseScanner(int keepBodyBytes, boolean digest) {
        this.keepLimit = keepBodyBytes;
        this.md5 = digest ? newMd5() : null;
    }

    private static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides MD5", e);
        }
    }

    /** Takes the next {@code length} bytes of the stream. */
    public void feed(byte[] data, int offset, int length) {
        int at = offset;
        int end = offset + length;
        if (!headerComplete) {
            while (at < end && !headerComplete) {
                lastFour = lastFour << 8 | (data[at++] & 0xff);
                headerComplete = lastFour == HEADER_END;
            }
            keepHeader(data, offset, at - offset);
            headerComplete &= !headerOverflow;
            if (headerComplete) {
                parseHeader();
            }
        }
        if (headerComplete && at < end) {
            body(data, at, end - at);
        }
    }

    private void keepHeader(byte[] data, int offset, int length) {
        int room = MAX_HEADER_BYTES - headerLength;
        int take = Math.min(room, length);
        if (take < length) {
            headerOverflow = true;
        }
        if (headerLength + take > header.length) {
            header = Arrays.copyOf(header, Math.min(MAX_HEADER_BYTES, Math.max(header.length * 2, headerLength + take)));
        }
        System.arraycopy(data, offset, header, headerLength, take);
        headerLength += take;
    }

    private void body(byte[] data, int offset, int length) {
        if (md5 != null) {
            long hashable = contentLength.isPresent()
                    ? Math.max(0, Math.min(length, contentLength.getAsLong() - bodyBytes)) : length;
            md5.update(data, offset, (int) hashable);
        }
        int keep = Math.max(0, Math.min(length, keepLimit - keptLength));
        if (keep > 0) {
            if (keptLength + keep > kept.length) {
                kept = Arrays.copyOf(kept, Math.min(keepLimit, Math.max(kept.length * 2, keptLength + keep)));
            }
            System.arraycopy(data, offset, kept, keptLength, keep);
            keptLength += keep;
        }
        bodyBytes += length;
    }

    /** The status line's code, then the first Content-Length line, read from the header bytes. */
    private void parseHeader() {
        int lineEnd = lineEnd(0);
        statusCode = statusCode(header, 0, lineEnd);
        int start = lineEnd + 2;
        while (start < headerLength) {
            int end = lineEnd(start);
            if (end == start) {
                break;
            }
            int colon = indexOf(':', start, end);
            if (colon > start && isContentLength(start, colon)) {
                contentLength = number(colon + 1, end);
            }
            start = end + 2;
        }
    }

    /** Where the line starting at {@code from} ends (its CR); the header always ends with CR LF. */
    private int lineEnd(int from) {
        for (int i = from; i + 1 < headerLength; i++) {
            if (header[i] == '\r' && header[i + 1] == '\n') {
                return i;
            }
        }
        return headerLength;
    }

    private int indexOf(char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (header[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private boolean isContentLength(int from, int to) {
        if (to - from != CONTENT_LENGTH.length) {
            return false;
        }
        for (int i = 0; i < CONTENT_LENGTH.length; i++) {
            int c = header[from + i];
            if ((c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c) != CONTENT_LENGTH[i]) {
                return false;
            }
        }
        return true;
    }

    /** The value's digits after trimming white space, as a number; empty when it is not one. */
    private OptionalLong number(int from, int to) {
        while (from < to && isSpace(header[from])) {
            from++;
        }
        while (to > from && isSpace(header[to - 1])) {
            to--;
        }
        if (to == from || to - from > MAX_LENGTH_DIGITS) {
            return OptionalLong.empty();
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            if (header[i] < '0' || header[i] > '9') {
                return OptionalLong.empty();
            }
            value = value * 10 + (header[i] - '0');
        }
        return OptionalLong.of(value);
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == 0x0b || b == '\f' || b == '\r' || b == '\n';
    }

    /** keepalived's {@code extract_status_code()}: "VERSION SP ddd SP ...", else 0. */
    static int statusCode(String statusLine) {
        byte[] bytes = statusLine.getBytes(StandardCharsets.ISO_8859_1);
        return statusCode(bytes, 0, bytes.length);
    }

    private static int statusCode(byte[] line, int from, int to) {
        int space = -1;
        for (int i = from; i < to; i++) {
            if (line[i] == ' ') {
                space = i;
                break;
            }
        }
        if (space < 0 || to < space + 5 || line[space + 4] != ' ') {
            return 0;
        }
        int code = 0;
        for (int i = space + 1; i < space + 4; i++) {
            if (line[i] < '0' || line[i] > '9') {
                return 0;
            }
            code = code * 10 + (line[i] - '0');
        }
        return code;
    }

    /** The result so far; call once the stream has ended. */
    public ScannedResponse finish() {
        Optional<Md5Digest> digest = md5 == null ? Optional.empty() : Optional.of(Md5Digest.of(md5.digest()));
        return new ScannedResponse(headerComplete, statusCode, contentLength, bodyBytes, digest,
                new String(header, 0, headerLength, StandardCharsets.ISO_8859_1), Arrays.copyOf(kept, keptLength));
    }
}
