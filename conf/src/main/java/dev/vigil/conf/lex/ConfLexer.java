package dev.vigil.conf.lex;

import dev.vigil.common.diag.Diagnostics;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits the text of one configuration file into {@link RawLine}s the way keepalived's
 * {@code read_line()} and {@code decomment()} do (lib/parser.c): a {@code !} or {@code #}
 * outside double quotes starts a comment that runs to the end of the line; {@code \!} and
 * {@code \#} outside double quotes stand for the characters themselves; a backslash escapes
 * the next character for this scan (so {@code \"} does not open or close a quote); leading
 * and trailing blanks go. Only double quotes protect comment characters, as in keepalived:
 * a {@code #} between single quotes still starts a comment.
 *
 * <p>Lines that end up empty (blank or comment only) are dropped; lines that were empty in
 * the file are kept as {@link RawLine#empty()} markers. Pure: no I/O.
 */
public final class ConfLexer {

    private ConfLexer() {
    }

    /** The lines of {@code text}, numbered from 1, in {@code origin}. */
    public static List<RawLine> lines(String text, FileOrigin origin, Diagnostics diagnostics) {
        List<RawLine> out = new ArrayList<>();
        int lineNo = 0;
        int start = 0;
        while (start < text.length()) {
            int newline = text.indexOf('\n', start);
            int end = newline < 0 ? text.length() : newline;
            lineNo++;
            String physical = stripLineEnd(text.substring(start, end));
            start = end + 1;
            lexLine(physical, origin, lineNo, diagnostics, out);
        }
        return out;
    }

    private static String stripLineEnd(String line) {
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == '\r') {
            end--;
        }
        return line.substring(0, end);
    }

    private static void lexLine(String physical, FileOrigin origin, int lineNo, Diagnostics diagnostics,
            List<RawLine> out) {
        PositionedText line = PositionedText.ofLine(physical, origin, lineNo, 1);
        if (physical.isEmpty()) {
            out.add(new RawLine(line, false, true));
            return;
        }
        int nul = physical.indexOf('\0');
        if (nul >= 0) {
            // keepalived: "configuration appears to have embedded NULs - ignoring line"
            diagnostics.error(line.positionAt(nul), "line contains a NUL character; line ignored");
            return;
        }
        PositionedText text = decomment(line).stripBlanks();
        boolean continued = endsWithLoneBackslash(text);
        if (continued) {
            text = text.subSequence(0, text.length() - 1).stripBlanks();
        }
        if (!text.isEmpty() || continued) {
            out.add(new RawLine(text, continued, false));
        }
    }

    /**
     * Comment removal applied again after parameter substitution, as keepalived does: the
     * line without its comment and without leading and trailing blanks.
     */
    public static PositionedText decommentAndStrip(PositionedText line) {
        return decomment(line.stripBlanks()).stripBlanks();
    }

    /** The line without its comment; {@code \!} and {@code \#} outside quotes lose the backslash. */
    static PositionedText decomment(PositionedText line) {
        PositionedText text = line;
        boolean quoted = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                i++;
            } else if (c == '\\') {
                if (i + 1 >= text.length()) {
                    break;
                }
                char next = text.charAt(i + 1);
                if (!quoted && (next == '#' || next == '!')) {
                    text = text.subSequence(0, i).concat(text.from(i + 1));
                    i++;
                } else {
                    i += 2;
                }
            } else if (!quoted && (c == '!' || c == '#')) {
                return text.subSequence(0, i);
            } else {
                i++;
            }
        }
        return text;
    }

    /** True when the text ends with an odd number of backslashes (the last one is not escaped). */
    static boolean endsWithLoneBackslash(CharSequence text) {
        int count = 0;
        for (int i = text.length() - 1; i >= 0 && text.charAt(i) == '\\'; i--) {
            count++;
        }
        return count % 2 == 1;
    }
}
