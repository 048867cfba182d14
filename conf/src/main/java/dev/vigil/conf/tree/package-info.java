/**
 * The block tree: what the preprocessed text of keepalived.conf is before keywords are
 * bound to typed records. A file is a list of top-level {@link dev.vigil.conf.tree.ConfNode}s.
 */
package dev.vigil.conf.tree;
