/**
 * rtnetlink: addresses and links ({@link dev.vigil.linux.rtnetlink.RtNetlink}) and
 * link/address notifications ({@link dev.vigil.linux.rtnetlink.RtEventSubscription}, one
 * delivery thread per subscription). {@link dev.vigil.linux.rtnetlink.RtMessages} is the
 * pure codec both use.
 */
package dev.vigil.linux.rtnetlink;
