/**
 * keepalived's line preprocessor: {@code include} and its variants, {@code @ID} conditional
 * lines, {@code $NAME=value} parameters with the predefined {@code ${_PWD}},
 * {@code ${_INSTANCE}}, {@code ${_RANDOM}}, {@code ${_ENV}}, {@code ${_HASH}},
 * {@code ${_BANG}}, and {@code ~SEQ}/{@code ~LST} repetition. Data flow:
 * files → {@link dev.vigil.conf.lex.ConfLexer} → {@link dev.vigil.conf.preprocess.Preprocessor}
 * (a stack of line sources: files, multi-line definition lines, repetition copies) →
 * processed lines, pulled one at a time by the tree reader. Single-threaded; only
 * {@code Includes} and {@code IncludeGlob} touch the file system.
 */
package dev.vigil.conf.preprocess;
