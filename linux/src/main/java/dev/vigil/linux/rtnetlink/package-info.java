/**
 * rtnetlink: addresses, links, routes and policy rules ({@link dev.vigil.linux.rtnetlink.RtNetlink})
 * and link/address notifications ({@link dev.vigil.linux.rtnetlink.RtEventSubscription}, one
 * delivery thread per subscription). {@link dev.vigil.linux.rtnetlink.RtMessages} (links,
 * addresses) and {@link dev.vigil.linux.rtnetlink.RouteMessages} (routes, rules) are the pure
 * codecs they use.
 */
package dev.vigil.linux.rtnetlink;
