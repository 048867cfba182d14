package dev.vigil.daemon.alert;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * keepalived's fixed-size C buffers, applied to Java strings: text is cut to a number of UTF-8
 * bytes, as {@code snprintf}/{@code strncpy} cut bytes. Unlike C, a multi-byte character is
 * never split (the cut moves back to the character's start); for ASCII text, which is all
 * keepalived's own texts and nearly every configured name, the result is byte-identical.
 */
final class Texts {

    private Texts() {
    }

    /** {@code text} itself when it fits in {@code maxBytes} UTF-8 bytes, else its longest prefix that does. */
    static String truncateUtf8(String text, int maxBytes) {
        if (text.length() * 3L <= maxBytes) {
            return text;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= maxBytes) {
            return text;
        }
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        CharBuffer in = CharBuffer.wrap(text);
        encoder.encode(in, ByteBuffer.allocate(maxBytes), true);
        return text.substring(0, in.position());
    }
}
