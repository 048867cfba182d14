package dev.vigil.common.diag;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Collects diagnostics instead of throwing at the first problem, so one run reports them all.
 * Not thread-safe: one parse or validation fills one collector.
 */
public final class Diagnostics {

    private final List<Diagnostic> items = new ArrayList<>();

    public void add(Diagnostic diagnostic) {
        items.add(diagnostic);
    }

    public void fatal(SourcePosition at, String message) {
        add(Diagnostic.fatal(at, message));
    }

    public void error(SourcePosition at, String message) {
        add(Diagnostic.error(at, message));
    }

    public void warning(SourcePosition at, String message) {
        add(Diagnostic.warning(at, message));
    }

    public void note(SourcePosition at, String message) {
        add(Diagnostic.note(at, message));
    }

    /** Everything collected so far, in the order found. */
    public List<Diagnostic> all() {
        return Collections.unmodifiableList(items);
    }

    /** The worst severity collected, if any. */
    public Optional<Severity> worst() {
        return items.stream().map(Diagnostic::severity).min(Enum::compareTo);
    }

    /** True when something at least as bad as {@code severity} was collected. */
    public boolean has(Severity severity) {
        return worst().map(w -> w.atLeast(severity)).orElse(false);
    }
}
