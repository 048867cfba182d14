/**
 * Probes: one check attempt each, over Netty (TCP, HTTP, TLS, SMTP, DNS, UDP) or a child
 * process (MISC). {@link dev.vigil.healthcheck.probe.Probe#attempt()} returns a future that
 * always completes with a {@link dev.vigil.healthcheck.CheckResult}; cancelling it closes the
 * connection or kills the command.
 *
 * <p>Threads: all network probes share the small event-loop group of one
 * {@link dev.vigil.healthcheck.probe.CheckTransport} (epoll when available, else NIO); each
 * attempt's handlers run on one event loop. MISC commands are supervised from the same
 * group's timers and the JDK's process reaper. The pure pieces (request text, response
 * scanner, DNS message, SMTP reply parsing) do no I/O and are tested on their own.
 */
package dev.vigil.healthcheck.probe;
