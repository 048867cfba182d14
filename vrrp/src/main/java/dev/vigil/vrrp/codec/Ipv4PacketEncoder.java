package dev.vigil.vrrp.codec;

import dev.vigil.linux.packet.InternetChecksum;

/**
 * Builds a complete IPv4 VRRP packet as keepalived sends it on its {@code IP_HDRINCL} raw
 * socket ({@code vrrp_build_ip4}): version 4, IHL 5 (no options), TOS 0xC0, total length,
 * the caller's ID, no fragmentation, the caller's TTL, protocol 112, header checksum, source
 * and destination, then the VRRP message. Pure; no sockets.
 *
 * <p>keepalived leaves the header checksum at 0 because the kernel always fills it for
 * {@code IP_HDRINCL}; we compute it so the bytes are a valid packet on their own (the kernel's
 * value is the same).
 */
public final class Ipv4PacketEncoder {

    /** Version 4 in the high nibble, IHL 5 words (20 bytes) in the low one. */
    private static final int VERSION_IHL = 0x45;
    /** IPv4 header length without options. */
    public static final int HEADER_LENGTH = 20;
    /**
     * Precedence 6, "internetwork control" (RFC 791 §3.1), as keepalived sets it
     * ({@code IPTOS_PREC_INTERNETCONTROL}).
     */
    public static final int TOS_INTERNETWORK_CONTROL = 0xC0;
    /** Offset of the header checksum (RFC 791 §3.1). */
    private static final int HEADER_CHECKSUM_OFFSET = 10;

    private Ipv4PacketEncoder() {
    }

    /**
     * Encodes {@code advert} behind an IPv4 header. The VRRP checksum is the one keepalived
     * sends: v2 over the message; v3 with the pseudo-header of this packet's source and
     * destination, or over the message alone when {@code v3ChecksumAsV2}.
     */
    public static byte[] encode(Advertisement advert, Ipv4HeaderFields header, boolean v3ChecksumAsV2) {
        if (advert.family() != AddressFamily.IPV4) {
            throw new IllegalArgumentException("an IPv4 packet needs an IPv4 advertisement");
        }
        ChecksumRule rule = VrrpEncoder.keepalivedRule(advert, header.source(), header.destination(), v3ChecksumAsV2);
        return wrap(VrrpEncoder.encode(advert, rule), header);
    }

    /** Puts an IPv4 header (protocol 112) in front of an already encoded VRRP message. */
    public static byte[] wrap(byte[] vrrpMessage, Ipv4HeaderFields header) {
        int total = HEADER_LENGTH + vrrpMessage.length;
        if (total > 0xFFFF) {
            throw new IllegalArgumentException("packet of " + total + " bytes exceeds the IPv4 limit");
        }
        byte[] out = new byte[total];
        writeHeader(out, total, header, VrrpWire.PROTOCOL);
        System.arraycopy(vrrpMessage, 0, out, HEADER_LENGTH, vrrpMessage.length);
        return out;
    }

    /**
     * Writes the 20-byte header at the start of {@code out}, header checksum included (it
     * covers only these 20 bytes, so the payload may be written before or after).
     */
    static void writeHeader(byte[] out, int total, Ipv4HeaderFields header, int protocol) {
        out[0] = (byte) VERSION_IHL;
        out[1] = (byte) TOS_INTERNETWORK_CONTROL;
        putShort(out, 2, total);
        putShort(out, 4, header.identification());
        // bytes 6-7: flags and fragment offset, 0 (keepalived sets frag_off 0).
        out[8] = (byte) header.ttl();
        out[9] = (byte) protocol;
        System.arraycopy(header.source().getAddress(), 0, out, 12, 4);
        System.arraycopy(header.destination().getAddress(), 0, out, 16, 4);
        putShort(out, HEADER_CHECKSUM_OFFSET, InternetChecksum.of(out, 0, HEADER_LENGTH));
    }

    private static void putShort(byte[] out, int offset, int value) {
        out[offset] = (byte) (value >>> 8);
        out[offset + 1] = (byte) value;
    }
}
