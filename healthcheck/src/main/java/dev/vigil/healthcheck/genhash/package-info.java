/**
 * keepalived's genhash as a library: fetch a url once, as HTTP_GET/SSL_GET would, and report
 * the MD5 digest of its body in genhash's output format. The {@code vigil genhash} command
 * line parses options into a {@link dev.vigil.healthcheck.genhash.GenhashRequest}, calls
 * {@link dev.vigil.healthcheck.genhash.Genhash#run} and prints the
 * {@link dev.vigil.healthcheck.genhash.GenhashReport}.
 */
package dev.vigil.healthcheck.genhash;
