/**
 * JSON and YAML forms of the bound configuration ({@link dev.vigil.conf.export.ConfigExport}),
 * both ways. Pure functions over strings; no file I/O.
 */
package dev.vigil.conf.export;
