package dev.vigil.linux.packet;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Builds unsolicited IPv6 Neighbor Advertisement frames (RFC 4861 §4.4, §7.2.6): the
 * IPv6 counterpart of a gratuitous ARP, telling all nodes that {@code target} is at
 * {@code mac}.
 *
 * <p>Layout (86 bytes):
 * <pre>
 * Ethernet: dst 33:33:00:00:00:01 (RFC 2464 §7 mapping of ff02::1), src mac, type 0x86DD
 * IPv6:     version 6, traffic class 0, flow 0, payload length 32, next header 58,
 *           hop limit 255 (RFC 4861 §7.1.2 receivers drop anything else), src, dst ff02::1
 * ICMPv6:   type 136, code 0, checksum over the pseudo-header (RFC 8200 §8.1),
 *           flags R (if router) | S = 0 (unsolicited) | O = 1 (override), reserved,
 *           target address, option 2 (target link-layer address) length 1 (8 bytes) mac
 * </pre>
 */
public final class NeighborAdvertisement {

    /** Frame length: Ethernet 14 + IPv6 40 + NA 24 + target link-layer option 8. */
    public static final int FRAME_LENGTH = 14 + 40 + 24 + 8;
    /** The ICMPv6 message length (NA body plus the option). */
    private static final int ICMP_LENGTH = 24 + 8;
    private static final int ICMPV6 = 58;
    private static final int TYPE_NEIGHBOR_ADVERTISEMENT = 136;
    private static final int HOP_LIMIT = 255;
    /** Router flag, bit 31 of the flags word (RFC 4861 §4.4). */
    private static final int FLAG_ROUTER = 0x8000_0000;
    /** Override flag, bit 29. */
    private static final int FLAG_OVERRIDE = 0x2000_0000;
    /** Option type 2: Target Link-Layer Address (RFC 4861 §4.6.1). */
    private static final int OPTION_TARGET_LINK_LAYER = 2;
    /** ff02::1 mapped to Ethernet (33:33 + low 32 bits). */
    private static final MacAddress ALL_NODES_MAC = new MacAddress(0x3333_0000_0001L);

    /** The all-nodes link-local multicast group. */
    public static final Inet6Address ALL_NODES = allNodes();

    private NeighborAdvertisement() {
    }

    /**
     * An unsolicited NA with the override flag.
     *
     * @param mac the sender's (and target's) link-layer address
     * @param source the IPv6 source: an address of the sending interface (keepalived uses
     *     the interface's link-local address)
     * @param target the address being announced
     * @param router whether to set the router flag
     */
    public static byte[] unsolicited(MacAddress mac, Inet6Address source, Inet6Address target, boolean router) {
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        byte[] icmp = new byte[ICMP_LENGTH];
        ByteBuffer.wrap(icmp)
                .put((byte) TYPE_NEIGHBOR_ADVERTISEMENT).put((byte) 0).putShort((short) 0)
                .putInt(FLAG_OVERRIDE | (router ? FLAG_ROUTER : 0))
                .put(target.getAddress())
                .put((byte) OPTION_TARGET_LINK_LAYER).put((byte) 1).put(mac.bytes());
        int checksum = icmpv6Checksum(source, ALL_NODES, icmp);
        icmp[2] = (byte) (checksum >>> 8);
        icmp[3] = (byte) checksum;

        byte[] frame = new byte[FRAME_LENGTH];
        ByteBuffer.wrap(frame)
                .put(ALL_NODES_MAC.bytes()).put(mac.bytes()).putShort((short) EtherType.IPV6)
                .putInt(6 << 28).putShort((short) ICMP_LENGTH).put((byte) ICMPV6).put((byte) HOP_LIMIT)
                .put(source.getAddress()).put(ALL_NODES.getAddress())
                .put(icmp);
        return frame;
    }

    /** ICMPv6 checksum: pseudo-header (src, dst, upper-layer length, next header 58) + message. */
    static int icmpv6Checksum(Inet6Address source, Inet6Address destination, byte[] message) {
        return new InternetChecksum()
                .add(source.getAddress()).add(destination.getAddress())
                .add32(message.length).add32(ICMPV6)
                .add(message).value();
    }

    private static Inet6Address allNodes() {
        byte[] bytes = new byte[16];
        bytes[0] = (byte) 0xFF;
        bytes[1] = 0x02;
        bytes[15] = 0x01;
        try {
            return (Inet6Address) InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new AssertionError("16 bytes are always an IPv6 address", e);
        }
    }
}
