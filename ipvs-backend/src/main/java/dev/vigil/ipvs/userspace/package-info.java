/**
 * The userspace forwarder: {@link dev.vigil.ipvs.userspace.UserspaceIpvsBackend}, an
 * {@link dev.vigil.ipvs.IpvsBackend} that proxies TCP and UDP on Netty where kernel IPVS is
 * not available.
 *
 * <p>Threads and data flow: table operations arrive on a configuration thread and bind or
 * close listener sockets. An epoll (or NIO) event-loop group, one loop per core, runs the
 * listeners (with epoll: a TCP listener watched by every loop, whichever is idle accepts;
 * UDP one socket per loop with SO_REUSEPORT) and every flow: an accepted connection and
 * its connection to the real server share a loop, so relaying needs no locks. With epoll,
 * TCP flows bypass Netty's channels: {@code EpollTcpListener} and {@code EpollTcpSession}
 * register their sockets with the loop's epoll instance through Netty's {@code IoHandle}
 * API and make the socket calls themselves ({@code NativeSockets}, FFM downcalls), about
 * as many per connection as HAProxy; UDP and the NIO fallback use Netty channels
 * ({@code TcpSession}, {@code UdpSession}). Scheduling a new flow, connection-table events
 * and counters go through {@code ForwarderState}, whose monitor is held only for short,
 * non-blocking updates. A housekeeping task every 2 s charges traffic to the counters, runs
 * the rate estimators and expires idle flows.
 */
package dev.vigil.ipvs.userspace;
