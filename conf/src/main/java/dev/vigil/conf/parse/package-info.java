/**
 * Entry point from keepalived.conf text to the block tree:
 * {@link dev.vigil.conf.parse.ConfTreeReader} with its {@link dev.vigil.conf.parse.ReadOptions}.
 * Lines from the preprocessor are tokenized and assembled into
 * {@link dev.vigil.conf.tree.ConfNode}s; keyword meaning is bound later.
 */
package dev.vigil.conf.parse;
