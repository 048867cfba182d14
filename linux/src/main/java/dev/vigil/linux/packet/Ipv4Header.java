package dev.vigil.linux.packet;

import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * An option-less IPv4 header (RFC 791 §3.1) for datagrams sent with IP_HDRINCL. Pure:
 * {@link #encode(ByteBuffer)} builds header plus payload with the header checksum
 * computed, so the bytes are complete even though the Linux kernel rewrites the checksum
 * and total length itself (raw(7)).
 *
 * @param tos type-of-service byte (keepalived's VRRP uses 0xC0, internetwork control)
 * @param identification the 16-bit identification
 * @param dontFragment the DF flag
 * @param ttl time to live
 * @param protocol upper-layer protocol number
 * @param source source address
 * @param destination destination address
 */
public record Ipv4Header(int tos, int identification, boolean dontFragment, int ttl, int protocol,
        Inet4Address source, Inet4Address destination) {

    /** Header length without options. */
    public static final int LENGTH = 20;
    /** Version 4 in the high nibble, IHL 5 (20 bytes) in the low one. */
    private static final int VERSION_IHL = 0x45;
    /** The DF bit in the flags/fragment-offset word. */
    private static final int DF = 0x4000;

    /** Validates ranges. */
    public Ipv4Header {
        checkRange(tos, 0xFF, "tos");
        checkRange(identification, 0xFFFF, "identification");
        checkRange(ttl, 0xFF, "ttl");
        checkRange(protocol, 0xFF, "protocol");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
    }

    /** Header followed by the payload's remaining bytes; the payload position is unchanged. */
    public byte[] encode(ByteBuffer payload) {
        int total = LENGTH + payload.remaining();
        if (total > 0xFFFF) {
            throw new IllegalArgumentException("IPv4 datagram too long: " + total);
        }
        byte[] out = new byte[total];
        ByteBuffer buffer = ByteBuffer.wrap(out);
        buffer.put((byte) VERSION_IHL).put((byte) tos).putShort((short) total)
                .putShort((short) identification).putShort((short) (dontFragment ? DF : 0))
                .put((byte) ttl).put((byte) protocol).putShort((short) 0)
                .put(source.getAddress()).put(destination.getAddress());
        buffer.put(payload.duplicate());
        int checksum = InternetChecksum.of(out, 0, LENGTH);
        out[10] = (byte) (checksum >>> 8);
        out[11] = (byte) checksum;
        return out;
    }

    private static void checkRange(int value, int max, String what) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(what + " must be 0.." + max + ", got " + value);
        }
    }
}
