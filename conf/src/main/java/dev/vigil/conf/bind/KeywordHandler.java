package dev.vigil.conf.bind;

import dev.vigil.conf.tree.ConfNode;

/** Binds one configuration line into the state of the block it appears in (keepalived's keyword handler). */
@FunctionalInterface
interface KeywordHandler {
    void bind(ConfNode line, BlockState block, BindContext context);
}
