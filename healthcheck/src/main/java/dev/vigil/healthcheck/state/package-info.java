/**
 * Pure checker logic: when to check next and when a real server is up or down, following
 * keepalived's epilog functions (check_tcp.c {@code tcp_epilog()}, check_http.c
 * {@code epilog()}, check_dns.c {@code dns_final()}, check_misc.c
 * {@code misc_check_child_thread()}). No I/O, no clock: a
 * {@link dev.vigil.healthcheck.state.CheckerState} takes one attempt result at a time and
 * returns a {@link dev.vigil.healthcheck.state.Decision} (events plus the delay to the next
 * attempt). Not thread-safe; the runner calls it from one thread.
 */
package dev.vigil.healthcheck.state;
