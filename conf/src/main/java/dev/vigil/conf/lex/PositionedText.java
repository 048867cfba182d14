package dev.vigil.conf.lex;

import dev.vigil.common.diag.SourcePosition;
import java.util.Arrays;
import java.util.Objects;

/**
 * Text of one configuration line that remembers, for every character, the line and column
 * it came from. Comment removal, line joining and parameter substitution all produce new
 * instances, so a word found in the final text can still be reported at its place in the
 * file. Characters produced by substitution carry the position of the {@code $} that asked
 * for them (the use site).
 *
 * <p>Immutable. All characters of one instance come from one file ({@link #origin()}).
 */
public final class PositionedText implements CharSequence {

    private final String text;
    private final int[] lines;
    private final int[] columns;
    private final int endLine;
    private final int endColumn;
    private final FileOrigin origin;

    private PositionedText(String text, int[] lines, int[] columns, int endLine, int endColumn, FileOrigin origin) {
        this.text = text;
        this.lines = lines;
        this.columns = columns;
        this.endLine = endLine;
        this.endColumn = endColumn;
        this.origin = origin;
    }

    /** {@code text} as it stands on {@code line}, its first character at {@code firstColumn}. */
    public static PositionedText ofLine(String text, FileOrigin origin, int line, int firstColumn) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(origin, "origin");
        int[] lines = new int[text.length()];
        int[] columns = new int[text.length()];
        Arrays.fill(lines, line);
        for (int i = 0; i < columns.length; i++) {
            columns[i] = firstColumn + i;
        }
        return new PositionedText(text, lines, columns, line, firstColumn + text.length(), origin);
    }

    /** {@code text} with every character placed at {@code at} (substituted or generated text). */
    public static PositionedText allAt(String text, FileOrigin origin, SourcePosition at) {
        int[] lines = new int[text.length()];
        int[] columns = new int[text.length()];
        Arrays.fill(lines, at.line());
        Arrays.fill(columns, at.column());
        return new PositionedText(text, lines, columns, at.line(), at.column(), origin);
    }

    public FileOrigin origin() {
        return origin;
    }

    /** Where character {@code index} came from; {@code index == length()} means just after the text. */
    public SourcePosition positionAt(int index) {
        if (index < 0 || index > text.length()) {
            throw new IndexOutOfBoundsException(index);
        }
        if (index == text.length()) {
            return origin.at(endLine, endColumn);
        }
        return origin.at(lines[index], columns[index]);
    }

    /** Where the text starts (its end when it is empty). */
    public SourcePosition start() {
        return positionAt(0);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public char charAt(int index) {
        return text.charAt(index);
    }

    public boolean isEmpty() {
        return text.isEmpty();
    }

    public boolean startsWith(String prefix) {
        return text.startsWith(prefix);
    }

    public int indexOf(char c, int from) {
        return text.indexOf(c, from);
    }

    @Override
    public PositionedText subSequence(int from, int to) {
        Objects.checkFromToIndex(from, to, text.length());
        int endL;
        int endC;
        if (to < text.length()) {
            endL = lines[to];
            endC = columns[to];
        } else {
            endL = endLine;
            endC = endColumn;
        }
        return new PositionedText(text.substring(from, to), Arrays.copyOfRange(lines, from, to),
                Arrays.copyOfRange(columns, from, to), endL, endC, origin);
    }

    /** The text from {@code from} to the end. */
    public PositionedText from(int from) {
        return subSequence(from, text.length());
    }

    /** This text followed by {@code other} (which must come from the same file). */
    public PositionedText concat(PositionedText other) {
        int n = text.length();
        int m = other.text.length();
        int[] newLines = Arrays.copyOf(lines, n + m);
        int[] newColumns = Arrays.copyOf(columns, n + m);
        System.arraycopy(other.lines, 0, newLines, n, m);
        System.arraycopy(other.columns, 0, newColumns, n, m);
        return new PositionedText(text + other.text, newLines, newColumns, other.endLine, other.endColumn, origin);
    }

    /**
     * This text with characters {@code [from, to)} replaced by {@code replacement}, whose
     * characters all take the position of character {@code from} (the use site).
     */
    public PositionedText replace(int from, int to, String replacement) {
        Objects.checkFromToIndex(from, to, text.length());
        SourcePosition at = positionAt(from);
        PositionedText middle = allAt(replacement, origin, at);
        return subSequence(0, from).concat(middle).concat(from(to));
    }

    /** Without leading and trailing blanks (space, tab). */
    public PositionedText stripBlanks() {
        int start = 0;
        int end = text.length();
        while (start < end && isBlank(text.charAt(start))) {
            start++;
        }
        while (end > start && isBlank(text.charAt(end - 1))) {
            end--;
        }
        return start == 0 && end == text.length() ? this : subSequence(start, end);
    }

    /** Space or tab: what keepalived skips between the parts of a line. */
    public static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    /** keepalived's white space for splitting words: space, tab, form feed, newline, CR, vertical tab. */
    public static boolean isWhiteSpace(char c) {
        return c == ' ' || c == '\t' || c == '\f' || c == '\n' || c == '\r' || c == 0x0b;
    }

    @Override
    public String toString() {
        return text;
    }
}
