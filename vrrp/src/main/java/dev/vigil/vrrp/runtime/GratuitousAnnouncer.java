package dev.vigil.vrrp.runtime;

import dev.vigil.linux.NativeException;
import java.util.List;

/**
 * Announces virtual addresses to the neighbours: one gratuitous ARP per IPv4 address
 * (RFC 5227 §3) or one unsolicited neighbour advertisement per IPv6 address (RFC 4861
 * §7.2.6). Bursts and repeats are the runtime's business; this sends one round. Called on the
 * event-loop thread only.
 */
public interface GratuitousAnnouncer {

    /** Sends one announcement for each address. */
    void announce(List<VirtualAddress> vips) throws NativeException;
}
