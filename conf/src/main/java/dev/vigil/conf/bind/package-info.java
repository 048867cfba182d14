/**
 * Binding the block tree to the model. {@link dev.vigil.conf.bind.ConfigBinder} walks the
 * tree through keyword tables (one per block, as keepalived's {@code install_keyword}
 * tables: keyword → handler, sub-table, end-of-block check), collecting values per block;
 * assemblers then apply keepalived's defaults, inheritance and validation and build the
 * immutable records of {@code dev.vigil.conf.model}. Everything runs on the caller's thread;
 * no I/O, no clock, no name lookups.
 */
package dev.vigil.conf.bind;
