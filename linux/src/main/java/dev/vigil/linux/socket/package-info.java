/**
 * Raw IP sockets ({@link dev.vigil.linux.socket.RawIpv4Socket},
 * {@link dev.vigil.linux.socket.RawIpv6Socket}) and the send-only
 * {@link dev.vigil.linux.socket.PacketSocket}. A VRRP runtime typically owns one raw socket
 * per interface and family, one thread blocked in {@code receive} handing datagrams to
 * its event loop, and sends from the loop; {@code close()} wakes the receiver.
 */
package dev.vigil.linux.socket;
