package dev.vigil.conf.lex;

import dev.vigil.common.diag.Diagnostics;
import dev.vigil.common.diag.SourcePosition;
import dev.vigil.conf.tree.Word;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits one preprocessed line into words and block braces.
 *
 * <ul>
 *   <li>Words are separated by white space. {@code "..."} and {@code '...'} group text with
 *       spaces and are removed; quoted and unquoted parts next to each other form one word
 *       ({@code abcd" efg "h} is {@code abcd efg h}), as keepalived.conf(5) "Quoted strings"
 *       describes. Inside double quotes a single quote is an ordinary character and the other
 *       way round.</li>
 *   <li>Backslash escapes are decoded everywhere ({@link Escapes}); an escaped quote or brace
 *       is an ordinary character.</li>
 *   <li>{@code {} and {@code }} outside quotes are block braces wherever they stand, also in
 *       the middle of a line or glued to a word: keepalived's {@code read_line()} splits the
 *       line before and after each of them, so {@code track_interface { eth0 }} is a keyword,
 *       an opening brace, a word and a closing brace.</li>
 *   <li>A {@code ${...}} left over from parameter substitution (an undefined name) stays part
 *       of its word instead of opening a block; keepalived would split it into braces, which
 *       only ever produces broken blocks.</li>
 *   <li>An unterminated {@code "} is an error and the word runs to the end of the line; an
 *       unterminated {@code '} is a warning and is kept as an ordinary character (keepalived
 *       ignores single quotes outside script keywords).</li>
 * </ul>
 *
 * <p>Pure: no I/O; problems go to the diagnostics with positions.
 */
public final class Tokenizer {

    private final PositionedText line;
    private final Diagnostics diagnostics;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;

    private Tokenizer(PositionedText line, Diagnostics diagnostics) {
        this.line = line;
        this.diagnostics = diagnostics;
    }

    /** The tokens of {@code line}, in order. */
    public static List<Token> tokenize(PositionedText line, Diagnostics diagnostics) {
        Tokenizer tokenizer = new Tokenizer(line, diagnostics);
        tokenizer.run();
        return tokenizer.tokens;
    }

    private void run() {
        while (pos < line.length()) {
            char c = line.charAt(pos);
            if (PositionedText.isWhiteSpace(c)) {
                pos++;
            } else if (c == '{') {
                tokens.add(new Token.OpenBrace(line.positionAt(pos++)));
            } else if (c == '}') {
                tokens.add(new Token.CloseBrace(line.positionAt(pos++)));
            } else {
                readWord();
            }
        }
    }

    private void readWord() {
        SourcePosition start = line.positionAt(pos);
        StringBuilder word = new StringBuilder();
        while (pos < line.length()) {
            char c = line.charAt(pos);
            if (PositionedText.isWhiteSpace(c) || c == '{' || c == '}') {
                break;
            }
            if (c == '"' || c == '\'') {
                readQuoted(c, word);
            } else if (c == '\\') {
                readEscape(word);
            } else if (c == '$' && pos + 1 < line.length() && line.charAt(pos + 1) == '{'
                    && line.indexOf('}', pos + 2) > 0) {
                int close = line.indexOf('}', pos + 2);
                word.append(line, pos, close + 1);
                pos = close + 1;
            } else {
                word.append(c);
                pos++;
            }
        }
        tokens.add(new Token.WordToken(new Word(word.toString(), start)));
    }

    private void readEscape(StringBuilder word) {
        if (pos + 1 >= line.length()) {
            diagnostics.warning(line.positionAt(pos), "backslash at the end of the line; kept as a character");
            word.append('\\');
            pos++;
            return;
        }
        Escapes.Decoded decoded = Escapes.decode(line, pos);
        word.append(decoded.value());
        pos += 1 + decoded.length();
    }

    private void readQuoted(char quote, StringBuilder word) {
        int close = findClosingQuote(quote, pos + 1);
        if (close < 0) {
            if (quote == '\'') {
                diagnostics.warning(line.positionAt(pos), "unterminated ' quote; kept as a character");
                word.append(quote);
                pos++;
                return;
            }
            diagnostics.error(line.positionAt(pos), "missing terminating \" quote");
            close = line.length();
        }
        pos++;
        while (pos < close) {
            if (line.charAt(pos) == '\\' && pos + 1 < close) {
                readEscape(word);
            } else {
                word.append(line.charAt(pos++));
            }
        }
        pos = Math.min(close + 1, line.length());
    }

    private int findClosingQuote(char quote, int from) {
        int i = from;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == quote) {
                return i;
            } else {
                i++;
            }
        }
        return -1;
    }
}
