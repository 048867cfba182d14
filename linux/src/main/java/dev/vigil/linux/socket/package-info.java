/**
 * Raw IP sockets ({@link dev.vigil.linux.socket.RawIpv4Socket},
 * {@link dev.vigil.linux.socket.RawIpv6Socket}), ICMP echo sockets
 * ({@link dev.vigil.linux.socket.IcmpSocket}: an unprivileged ping socket, else a raw one), the
 * send-only {@link dev.vigil.linux.socket.PacketSocket}, and unix-domain datagram sockets
 * ({@link dev.vigil.linux.socket.UnixDatagramSocket}, for systemd's readiness notifications).
 * A VRRP runtime typically owns one raw socket per interface and family, one thread blocked in
 * {@code receive} handing datagrams to its event loop, and sends from the loop; the PING_CHECKs
 * share one ICMP socket per family the same way. {@code close()} wakes the receiver.
 */
package dev.vigil.linux.socket;
