package dev.vigil.conf.lex;

import java.util.Objects;

/**
 * One physical line after comment removal, as the preprocessor consumes it.
 *
 * @param text the line without its comment, leading and trailing blanks, and without the
 *     trailing {@code \} when {@code continued}
 * @param continued the line ended with a lone {@code \}: it goes on on the next line
 * @param empty the physical line had no characters at all; keepalived ends a multi-line
 *     {@code $NAME=} definition at such a line (a line of blanks or a comment does not end it)
 */
public record RawLine(PositionedText text, boolean continued, boolean empty) {

    public RawLine {
        Objects.requireNonNull(text, "text");
    }

    /** A generated line (sequence or definition expansion): never continued, never empty. */
    public static RawLine generated(PositionedText text) {
        return new RawLine(text, false, false);
    }
}
