/**
 * Pure builders for the frames and headers Vigil puts on the wire itself: gratuitous ARP,
 * unsolicited IPv6 neighbour advertisements, option-less IPv4 headers for IP_HDRINCL, ICMP
 * echo messages (built and read), the Internet checksum and MAC addresses. No I/O.
 */
package dev.vigil.linux.packet;
