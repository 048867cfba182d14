/**
 * ipvsadm-compatible text: {@link dev.vigil.ipvs.listing.IpvsadmFormat} renders a
 * {@link dev.vigil.ipvs.VirtualTable} (and connection rows) exactly as ipvsadm 1.31 prints
 * them with {@code -n}, including its sort order ({@link dev.vigil.ipvs.listing.IpvsadmOrder}).
 * Pure string building; no I/O.
 */
package dev.vigil.ipvs.listing;
