/**
 * Text read the way keepalived reads it: {@link dev.vigil.common.text.FileValue} parses a
 * {@code track_file}'s number, shared by the VRRP trackers and the FILE_CHECK checker.
 */
package dev.vigil.common.text;
