package dev.vigil.conf.bind;

/** Runs when a block's closing brace is reached: local checks (keepalived's level-end handler). */
@FunctionalInterface
interface BlockEnd {
    void end(BlockState block, BindContext context);
}
