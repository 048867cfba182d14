package dev.vigil.conf.lex;

import dev.vigil.common.diag.SourcePosition;
import java.util.Objects;
import java.util.Optional;

/**
 * The file a piece of text came from, as diagnostics name it, and the {@code include} line
 * that brought that file in (empty for the main file).
 */
public record FileOrigin(String file, Optional<SourcePosition> includedFrom) {

    public FileOrigin {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(includedFrom, "includedFrom");
    }

    /** A file that was not included from another. */
    public static FileOrigin main(String file) {
        return new FileOrigin(file, Optional.empty());
    }

    /** The position of {@code line:column} in this file. */
    public SourcePosition at(int line, int column) {
        return new SourcePosition(file, line, column, includedFrom);
    }

    /** How many include lines lead to this file (0 for the main file). */
    public int depth() {
        int depth = 0;
        Optional<SourcePosition> from = includedFrom;
        while (from.isPresent()) {
            depth++;
            from = from.get().includedFrom();
        }
        return depth;
    }
}
