/**
 * Netlink: a pure codec ({@link dev.vigil.linux.netlink.NetlinkMessageBuilder},
 * {@link dev.vigil.linux.netlink.NetlinkMessage}, {@link dev.vigil.linux.netlink.NetlinkAttributes},
 * {@link dev.vigil.linux.netlink.NetlinkStatus}), the socket
 * ({@link dev.vigil.linux.netlink.NetlinkSocket}) and generic netlink
 * ({@link dev.vigil.linux.netlink.GenericNetlink}: family resolution, requests and dumps
 * with extended-ack errors). Families such as IPVS live in their own modules and use
 * these as building blocks.
 */
package dev.vigil.linux.netlink;
