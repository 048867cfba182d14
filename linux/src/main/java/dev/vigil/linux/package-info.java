/**
 * Vigil's only contact with the operating system, through the FFM API
 * ({@code java.lang.foreign}) calling libc: no JNI, no native library of its own.
 *
 * <p>This package holds what every native call shares: the availability probe
 * ({@link dev.vigil.linux.LinuxNative}), the checked {@link dev.vigil.linux.NativeException}
 * (operation + errno + missing capability), the {@link dev.vigil.linux.Errno} table and
 * {@link dev.vigil.linux.NetNamespace}. Sub-packages:
 * <ul>
 *   <li>{@code socket}: raw IPv4/IPv6 sockets (VRRP, AH), packet sockets (GARP, NA) and unix
 *       datagram sockets (systemd notifications);</li>
 *   <li>{@code packet}: pure frame builders (gratuitous ARP, unsolicited NA, IPv4 header);</li>
 *   <li>{@code netlink}: pure netlink codec, netlink sockets, generic netlink;</li>
 *   <li>{@code rtnetlink}: addresses, links and link/address notifications;</li>
 *   <li>{@code internal}: the libc bindings and memory layouts (not API).</li>
 * </ul>
 *
 * <p>Threads: nothing here starts a thread except
 * {@link dev.vigil.linux.rtnetlink.RtEventSubscription} (one delivery thread) and
 * {@link dev.vigil.linux.NetNamespace#call} (one short-lived thread per call). Sockets are
 * safe for one receiving thread plus any number of sending or closing threads; closing
 * wakes the receiver. Native memory is allocated per call in confined arenas and freed
 * before the call returns. The module knows nothing of VRRP or IPVS.
 */
package dev.vigil.linux;
