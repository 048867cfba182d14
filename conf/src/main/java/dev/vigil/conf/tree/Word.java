package dev.vigil.conf.tree;

import dev.vigil.common.diag.SourcePosition;
import java.util.Objects;

/**
 * One word of a configuration line after preprocessing (comments gone, quotes removed,
 * escapes and parameters expanded), with the position of its first character in the file
 * it was read from.
 */
public record Word(String text, SourcePosition position) {

    public Word {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(position, "position");
    }

    @Override
    public String toString() {
        return text;
    }
}
