package dev.vigil.common.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DiagnosticTest {

    @Test
    void formatsLikeACompilerWithTheIncludeChain() {
        SourcePosition main = SourcePosition.of("keepalived.conf", 3, 1);
        SourcePosition mid = new SourcePosition("conf.d/a.conf", 7, 5, Optional.of(main));
        SourcePosition at = new SourcePosition("conf.d/b.conf", 42, 14, Optional.of(mid));
        Diagnostic d = Diagnostic.error(at, "priority 300 is outside 1..255");
        String nl = System.lineSeparator();
        assertEquals("conf.d/b.conf:42:14: error: priority 300 is outside 1..255" + nl
                + "  included from conf.d/a.conf:7:5" + nl
                + "  included from keepalived.conf:3:1", d.format());
    }

    @Test
    void collectorReportsTheWorstSeverity() {
        Diagnostics diagnostics = new Diagnostics();
        assertTrue(diagnostics.worst().isEmpty());
        SourcePosition at = SourcePosition.of("f", 1, 1);
        diagnostics.warning(at, "unknown keyword");
        assertFalse(diagnostics.has(Severity.ERROR));
        diagnostics.error(at, "bad value");
        diagnostics.note(at, "accepted, no effect");
        assertEquals(Optional.of(Severity.ERROR), diagnostics.worst());
        assertTrue(diagnostics.has(Severity.WARNING));
        assertFalse(diagnostics.has(Severity.FATAL));
        assertEquals(3, diagnostics.all().size());
    }
}
