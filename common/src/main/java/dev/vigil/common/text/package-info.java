/**
 * Text read and written the way keepalived does: {@link dev.vigil.common.text.FileValue}
 * parses a {@code track_file}'s number, shared by the VRRP trackers and the FILE_CHECK
 * checker; {@link dev.vigil.common.text.InetText} writes addresses as glibc's inet_ntop does,
 * for every module's logs, alerts, listings and headers.
 */
package dev.vigil.common.text;
