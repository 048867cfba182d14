package dev.vigil.vrrp.runtime;

import dev.vigil.linux.NativeException;
import dev.vigil.vrrp.codec.Advertisement;
import dev.vigil.vrrp.codec.AuthData;
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

    /**
     * Sends {@code advert} (VRRPv2, IPv4, auth type AH) with keepalived's IPsec AH header:
     * SPI = source address, {@code sequence} to every destination, the ICV keyed with
     * {@code key} (the TTL left out of it for unicast). Only IPv4 senders can; the settings
     * allow AH on IPv4 instances only.
     */
    void sendWithIpsecAh(Advertisement advert, AuthData key, long sequence) throws NativeException;

    /** The source address adverts carry; the state machine compares it on equal priority. */
    InetAddress sourceAddress();
}
