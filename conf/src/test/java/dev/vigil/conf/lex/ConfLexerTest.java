package dev.vigil.conf.lex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.common.diag.Diagnostics;
import dev.vigil.common.diag.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfLexerTest {

    private final Diagnostics diagnostics = new Diagnostics();

    private List<RawLine> lex(String text) {
        return ConfLexer.lines(text, FileOrigin.main("f.conf"), diagnostics);
    }

    private List<String> texts(String text) {
        return lex(text).stream().filter(l -> !l.empty()).map(l -> l.text().toString()).toList();
    }

    @Test
    void bangAndHashStartCommentsAnywhereOutsideDoubleQuotes() {
        assertEquals(List.of("a b", "c \"d # e\"", "f 'g"), texts("a b # x\n! whole line\nc \"d # e\" ! y\nf 'g # h'\n"));
    }

    @Test
    void escapedCommentCharactersLoseTheirBackslashOutsideQuotesOnly() {
        assertEquals(List.of("pass#word!", "\"in\\#side\""), texts("pass\\#word\\! # c\n\"in\\#side\"\n"));
    }

    @Test
    void escapedQuoteDoesNotProtectAComment() {
        assertEquals(List.of("a \\\"b"), texts("a \\\"b # c \"\n"));
    }

    @Test
    void blanksAreStrippedAndEmptyLinesAreMarked() {
        List<RawLine> lines = lex("  \t a  \t\n\n   \n# only\nb\r\n");
        assertEquals(3, lines.size());
        assertEquals("a", lines.get(0).text().toString());
        assertEquals(5, lines.get(0).text().start().column());
        assertTrue(lines.get(1).empty());
        assertEquals("b", lines.get(2).text().toString());
        assertEquals(5, lines.get(2).text().start().line());
    }

    @Test
    void trailingLoneBackslashContinues() {
        List<RawLine> lines = lex("a b \\\nc \\\\\nd \\ # comment\n");
        assertTrue(lines.get(0).continued());
        assertEquals("a b", lines.get(0).text().toString());
        assertFalse(lines.get(1).continued());
        assertEquals("c \\\\", lines.get(1).text().toString());
        assertTrue(lines.get(2).continued());
        assertEquals("d", lines.get(2).text().toString());
    }

    @Test
    void nulCharacterDropsTheLineWithAnError() {
        assertEquals(List.of("ok"), texts("bad\0line\nok\n"));
        assertTrue(diagnostics.has(Severity.ERROR));
        assertEquals(1, diagnostics.all().getFirst().position().line());
        assertEquals(4, diagnostics.all().getFirst().position().column());
    }

    @Test
    void positionsFollowRemovedBackslashes() {
        PositionedText t = lex("x \\#y z\n").getFirst().text();
        assertEquals("x #y z", t.toString());
        assertEquals(4, t.positionAt(2).column());
        assertEquals(6, t.positionAt(4).column());
    }
}
