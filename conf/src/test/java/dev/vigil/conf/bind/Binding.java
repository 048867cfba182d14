package dev.vigil.conf.bind;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.common.diag.Diagnostic;
import dev.vigil.common.diag.Diagnostics;
import dev.vigil.common.diag.Severity;
import dev.vigil.conf.model.KeepalivedConfig;
import java.util.List;
import java.util.stream.Collectors;

/** Test helper: binds text and keeps the diagnostics for assertions. */
record Binding(KeepalivedConfig config, Diagnostics diagnostics) {

    private static final ConfigBinder BINDER = new ConfigBinder();

    static Binding of(String text) {
        Diagnostics diagnostics = new Diagnostics();
        KeepalivedConfig config = BINDER.bind(TreeText.parse(text), diagnostics);
        return new Binding(config, diagnostics);
    }

    /** Diagnostic headlines of at least {@code severity}, e.g. {@code test.conf:3:14: error: ...}. */
    List<String> problems(Severity severity) {
        return diagnostics.all().stream().filter(d -> d.severity().atLeast(severity)).map(Diagnostic::headline)
                .toList();
    }

    List<String> all() {
        return diagnostics.all().stream().map(Diagnostic::headline).toList();
    }

    /** Asserts nothing worse than a note was reported. */
    Binding clean() {
        assertTrue(problems(Severity.WARNING).isEmpty(), () -> "unexpected problems:\n"
                + problems(Severity.WARNING).stream().collect(Collectors.joining("\n")));
        return this;
    }

    /** Asserts one diagnostic headline equals {@code headline}. */
    Binding reports(String headline) {
        assertTrue(all().contains(headline), () -> "no '" + headline + "' among:\n"
                + String.join("\n", all()));
        return this;
    }
}
