/**
 * Raw IP sockets ({@link dev.vigil.linux.socket.RawIpv4Socket},
 * {@link dev.vigil.linux.socket.RawIpv6Socket}), the send-only
 * {@link dev.vigil.linux.socket.PacketSocket}, and unix-domain datagram sockets
 * ({@link dev.vigil.linux.socket.UnixDatagramSocket}, for systemd's readiness notifications).
 * A VRRP runtime typically owns one raw socket per interface and family, one thread blocked in
 * {@code receive} handing datagrams to its event loop, and sends from the loop; {@code close()}
 * wakes the receiver.
 */
package dev.vigil.linux.socket;
