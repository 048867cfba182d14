package dev.vigil.conf.bind;

import java.util.Objects;
import java.util.Optional;

/**
 * One keyword of one block, for generated documentation.
 *
 * @param subBlock the table that binds this keyword's {@code { }} block, when it has its own table
 */
public record KeywordInfo(String keyword, Support support, Optional<String> subBlock) {
    public KeywordInfo {
        Objects.requireNonNull(keyword, "keyword");
        Objects.requireNonNull(support, "support");
        Objects.requireNonNull(subBlock, "subBlock");
    }
}
