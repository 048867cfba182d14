package dev.vigil.common.diag;

import java.util.Objects;
import java.util.Optional;

/**
 * A place in a configuration file: 1-based line and column, plus the {@code include}
 * line that brought the file in, when there is one (the chain leads back to the main file).
 */
public record SourcePosition(String file, int line, int column, Optional<SourcePosition> includedFrom) {

    public SourcePosition {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(includedFrom, "includedFrom");
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column are 1-based: " + line + ":" + column);
        }
    }

    /** A position in a file that was not included from another. */
    public static SourcePosition of(String file, int line, int column) {
        return new SourcePosition(file, line, column, Optional.empty());
    }

    /** The same file and include chain at another line and column. */
    public SourcePosition at(int otherLine, int otherColumn) {
        return new SourcePosition(file, otherLine, otherColumn, includedFrom);
    }

    /** {@code file:line:col}, as compilers print it. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
