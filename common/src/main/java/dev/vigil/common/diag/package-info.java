/**
 * Problems found in input, with their file, line and column: collected in
 * {@link dev.vigil.common.diag.Diagnostics} and printed compiler-style by
 * {@link dev.vigil.common.diag.Diagnostic#format()}.
 */
package dev.vigil.common.diag;
