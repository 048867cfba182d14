/**
 * libc downcalls with errno capture ({@link dev.vigil.linux.internal.Libc}), the
 * descriptor-plus-wakeup holder every socket uses ({@link dev.vigil.linux.internal.SocketFd}),
 * and C structure layouts (socket addresses, msghdr/cmsg). Not API: other modules use the
 * socket, netlink and rtnetlink packages.
 */
package dev.vigil.linux.internal;
