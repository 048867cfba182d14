/**
 * The IPVS connection table and persistence as pure code: {@link dev.vigil.ipvs.conn.ConnectionTable}
 * (entries, TCP/UDP states, timeouts, expiry by an injected clock, active/inactive accounting)
 * and {@link dev.vigil.ipvs.conn.ConnectionScheduler} (first-packet scheduling with
 * persistence templates). A forwarder owns one table per network namespace and serialises
 * access to it.
 */
package dev.vigil.ipvs.conn;
