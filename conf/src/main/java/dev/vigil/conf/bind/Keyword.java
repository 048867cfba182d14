package dev.vigil.conf.bind;

import java.util.Optional;

/** A keyword table entry: the word, how it is supported, the sub-table for its block, its handler. */
record Keyword(String name, Support support, Optional<String> subBlock, KeywordHandler handler) {

    KeywordInfo info() {
        return new KeywordInfo(name, support, subBlock);
    }
}
