package dev.vigil.vrrp.runtime;

import dev.vigil.linux.NativeException;
import dev.vigil.vrrp.codec.Advertisement;
import java.net.InetAddress;

/**
 * Sends one instance's advertisements: to the multicast group, or to each unicast peer in
 * turn. The implementation builds the IP layer (IPv4: keepalived's own header with TOS 0xC0,
 * an ID counter that skips 0 and TTL 255; IPv6: kernel header, kernel checksum at offset 6,
 * link-local source). Called on the event-loop thread only.
 */
public interface AdvertSender {

    /** Sends {@code advert} (its checksum is computed here, for the real destination). */
    void send(Advertisement advert) throws NativeException;

    /** The source address adverts carry; the state machine compares it on equal priority. */
    InetAddress sourceAddress();
}
