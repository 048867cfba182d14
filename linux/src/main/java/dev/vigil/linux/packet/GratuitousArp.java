package dev.vigil.linux.packet;

import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Builds gratuitous ARP Ethernet frames (RFC 5227 §3, RFC 826): an announcement that
 * {@code address} is at {@code mac}, broadcast so every neighbour updates its cache.
 *
 * <p>Layout (42 bytes; the driver pads to the Ethernet minimum):
 * <pre>
 * Ethernet: dst ff:ff:ff:ff:ff:ff, src mac, type 0x0806
 * ARP:      htype 1 (Ethernet), ptype 0x0800, hlen 6, plen 4, op 1|2,
 *           sender mac, sender ip = address, target mac, target ip = address
 * </pre>
 * The target hardware field is broadcast by default, as keepalived sends it
 * ({@code vrrp_arp.c}); RFC 5227 §2.3 suggests zero for requests, which Linux accepts
 * equally, so it can be chosen.
 */
public final class GratuitousArp {

    /** Ethernet header plus the 28-byte ARP payload for IPv4 over Ethernet. */
    public static final int FRAME_LENGTH = 14 + 28;
    /** ARPHRD_ETHER. */
    private static final int HTYPE_ETHERNET = 1;

    private GratuitousArp() {
    }

    /** A frame with the broadcast target hardware address (keepalived's form). */
    public static byte[] frame(MacAddress mac, Inet4Address address, ArpOperation operation) {
        return frame(mac, address, operation, MacAddress.BROADCAST);
    }

    /** A frame with a chosen target hardware address. */
    public static byte[] frame(MacAddress mac, Inet4Address address, ArpOperation operation,
            MacAddress targetHardware) {
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(targetHardware, "targetHardware");
        byte[] frame = new byte[FRAME_LENGTH];
        ByteBuffer.wrap(frame)
                .put(MacAddress.BROADCAST.bytes()).put(mac.bytes()).putShort((short) EtherType.ARP)
                .putShort((short) HTYPE_ETHERNET).putShort((short) EtherType.IPV4)
                .put((byte) MacAddress.LENGTH).put((byte) 4).putShort((short) operation.code())
                .put(mac.bytes()).put(address.getAddress())
                .put(targetHardware.bytes()).put(address.getAddress());
        return frame;
    }
}
