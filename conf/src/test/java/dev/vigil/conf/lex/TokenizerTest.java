package dev.vigil.conf.lex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.common.diag.Diagnostics;
import dev.vigil.common.diag.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerTest {

    private final Diagnostics diagnostics = new Diagnostics();

    private List<Token> tokens(String line) {
        return Tokenizer.tokenize(PositionedText.ofLine(line, FileOrigin.main("t.conf"), 7, 3), diagnostics);
    }

    private List<String> shapes(String line) {
        return tokens(line).stream().map(t -> switch (t) {
            case Token.WordToken w -> "[" + w.word().text() + "]";
            case Token.OpenBrace o -> "{";
            case Token.CloseBrace c -> "}";
        }).toList();
    }

    @Test
    void quotesGroupWordsAndJoinAdjacentParts() {
        assertEquals(List.of("[abcd efg h jkl mnop]"), shapes("abcd\" efg h jkl \"mnop"));
        assertEquals(List.of("[abcd]", "[efg h jkl]", "[mnop]"), shapes("abcd \"efg h jkl\" mnop"));
        assertEquals(List.of("[it's \"x\"]"), shapes("\"it's \"'\"x\"'"));
        assertEquals(List.of("[]", "[a]"), shapes("\"\" a"));
    }

    @Test
    void escapesAreDecodedAsKeepalivedDoes() {
        assertEquals(List.of("[a\nb\tc]"), shapes("\"a\\nb\\tc\""));
        assertEquals(List.of("[AA A]"), shapes("\\x41\\101\\x20A"));
        assertEquals(List.of("[\u0001\u001b\u0007\u0008\u000b\f\r]"), shapes("\\cA\\E\\a\\b\\v\\f\\r"));
        assertEquals(List.of("[q\"z\\]"), shapes("q\\\"z\\\\"));
        assertEquals(List.of("[xg]"), shapes("\\xg"));
        assertEquals(List.of("[\u00ff]"), shapes("\\777"));
    }

    @Test
    void bracesOutsideQuotesAreTokensAnywhere() {
        assertEquals(List.of("[track_interface]", "{", "[eth0]", "}"), shapes("track_interface { eth0 }"));
        assertEquals(List.of("[a]", "{", "[b]", "}", "[c]"), shapes("a{b}c"));
        assertEquals(List.of("[a{b}]", "[c{]"), shapes("\"a{b}\" 'c{'"));
        assertEquals(List.of("[x{y]"), shapes("x\\{y"));
    }

    @Test
    void leftOverParameterReferenceStaysOneWord() {
        assertEquals(List.of("[/bin/x]", "[${UNDEF}.sh]"), shapes("/bin/x ${UNDEF}.sh"));
    }

    @Test
    void unterminatedDoubleQuoteIsAnErrorAndRunsToTheEnd() {
        assertEquals(List.of("[a]", "[b { c]"), shapes("a \"b { c"));
        assertTrue(diagnostics.has(Severity.ERROR));
        assertEquals(5, diagnostics.all().getFirst().position().column());
    }

    @Test
    void unterminatedSingleQuoteIsKeptWithAWarning() {
        assertEquals(List.of("[it's]"), shapes("it's"));
        assertTrue(diagnostics.has(Severity.WARNING));
        assertTrue(!diagnostics.has(Severity.ERROR));
    }

    @Test
    void wordsCarryTheirColumns() {
        List<Token> t = tokens("ab  \"c d\" {");
        assertEquals(3, t.get(0).position().column());
        assertEquals(7, t.get(1).position().column());
        assertEquals(13, t.get(2).position().column());
        assertEquals(7, t.get(2).position().line());
    }
}
