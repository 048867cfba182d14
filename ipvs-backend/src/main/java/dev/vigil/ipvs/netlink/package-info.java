/**
 * The kernel's IPVS over generic netlink: {@link dev.vigil.ipvs.netlink.NetlinkIpvsBackend}
 * (an {@link dev.vigil.ipvs.IpvsBackend}), the pure codec it uses —
 * {@link dev.vigil.ipvs.netlink.IpvsRequests} builds every command's request as libipvs does,
 * {@link dev.vigil.ipvs.netlink.IpvsReplies} reads service and destination dumps, GET_INFO and
 * GET_CONFIG, {@link dev.vigil.ipvs.netlink.KernelErrors} maps errnos to
 * {@link dev.vigil.ipvs.IpvsError} — and {@link dev.vigil.ipvs.netlink.NetlinkIpvsBackend#probe()}
 * for the daemon's {@code --backend auto}.
 *
 * <p>Data flow: a backend call builds a request, {@code dev.vigil.linux.netlink.GenericNetlink}
 * sends it on a NETLINK_GENERIC socket (or a test's fake kernel) and returns the replies or a
 * {@code NetlinkException}; the codec turns those into table values or typed failures. No
 * threads of its own: calls run on the caller's thread, serialised on the socket.
 * Reference: shared/reference/ipvs.md §1.
 */
package dev.vigil.ipvs.netlink;
