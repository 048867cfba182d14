/**
 * Probes: one check attempt each, over Netty (TCP, HTTP, TLS, SMTP, DNS, UDP), an ICMP
 * socket shared by all PING_CHECKs, or a child process (MISC).
 * {@link dev.vigil.healthcheck.probe.Probe#attempt()} returns a future that always completes
 * with a {@link dev.vigil.healthcheck.CheckResult}; cancelling it closes the connection or
 * kills the command.
 *
 * <p>Threads: all network probes share the small event-loop group of one
 * {@link dev.vigil.healthcheck.probe.CheckTransport} (epoll when available, else NIO); each
 * attempt's handlers run on one event loop. MISC commands are supervised from the same
 * group's timers and the JDK's process reaper. PING_CHECK sends from the checkers' thread on
 * one ICMP socket per address family ({@code EchoEndpoints}); one receiver thread per socket
 * hands replies to attempts by sequence number ({@code EchoTable}), and timeouts run on the
 * group's timers. The pure pieces (request text, response scanner, DNS message, SMTP reply
 * parsing, echo matching) do no I/O and are tested on their own.
 */
package dev.vigil.healthcheck.probe;
