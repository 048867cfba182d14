/**
 * The lexical layer of keepalived.conf: {@link dev.vigil.conf.lex.ConfLexer} splits a file's
 * text into comment-free physical lines, {@link dev.vigil.conf.lex.Tokenizer} splits one
 * preprocessed line into words (quotes removed, escapes decoded) and block braces. Every
 * character keeps its file, line and column ({@link dev.vigil.conf.lex.PositionedText}).
 * Pure: no I/O, no clock; problems go to {@code Diagnostics}.
 */
package dev.vigil.conf.lex;
