package dev.vigil.common.diag;

import java.util.Objects;
import java.util.Optional;

/**
 * One problem found in input, printed like a compiler message:
 * {@code keepalived.conf:42:14: error: priority 300 is outside 1..255}, followed by one
 * {@code   included from FILE:LINE:COL} line per include level.
 */
public record Diagnostic(Severity severity, SourcePosition position, String message) {

    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(message, "message");
    }

    public static Diagnostic fatal(SourcePosition at, String message) {
        return new Diagnostic(Severity.FATAL, at, message);
    }

    public static Diagnostic error(SourcePosition at, String message) {
        return new Diagnostic(Severity.ERROR, at, message);
    }

    public static Diagnostic warning(SourcePosition at, String message) {
        return new Diagnostic(Severity.WARNING, at, message);
    }

    public static Diagnostic note(SourcePosition at, String message) {
        return new Diagnostic(Severity.NOTE, at, message);
    }

    /** The first line only: {@code file:line:col: severity: message}. */
    public String headline() {
        return position + ": " + severity.label() + ": " + message;
    }

    /** The headline plus the include chain, one line each, without a trailing newline. */
    public String format() {
        StringBuilder out = new StringBuilder(headline());
        Optional<SourcePosition> from = position.includedFrom();
        while (from.isPresent()) {
            out.append(System.lineSeparator()).append("  included from ").append(from.get());
            from = from.get().includedFrom();
        }
        return out.toString();
    }
}
