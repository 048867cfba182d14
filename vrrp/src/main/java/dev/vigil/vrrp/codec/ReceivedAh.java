package dev.vigil.vrrp.codec;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The IPsec AH header of a received IPv4 packet (protocol 51), kept with the packet's bytes so
 * that the instance, which alone knows the key, can check the ICV ({@link AdvertChecker}).
 * Immutable: the bytes are copied in.
 */
public final class ReceivedAh {

    private final byte[] packet;
    private final int ahOffset;

    /**
     * @param packet   the whole IPv4 datagram as received
     * @param ahOffset where the AH header starts (the IPv4 header length)
     */
    ReceivedAh(byte[] packet, int ahOffset) {
        if (ahOffset < Ipv4PacketEncoder.HEADER_LENGTH || packet.length < ahOffset + IpsecAh.HEADER_LENGTH) {
            throw new IllegalArgumentException("no AH header at " + ahOffset + " in " + packet.length + " bytes");
        }
        this.packet = packet.clone();
        this.ahOffset = ahOffset;
    }

    /** The protocol the AH header protects; keepalived's adverts say 112. */
    public int nextHeader() {
        return packet[ahOffset] & 0xFF;
    }

    /** The payload length field (4 for a 96-bit ICV). */
    public int payloadLengthWords() {
        return packet[ahOffset + 1] & 0xFF;
    }

    /** The SPI, as an unsigned 32-bit number. */
    public long spi() {
        return readUnsigned32(ahOffset + IpsecAh.SPI_OFFSET);
    }

    /** Whether the SPI holds the packet's IPv4 source address, as keepalived requires. */
    public boolean spiIsSource() {
        return Arrays.equals(packet, ahOffset + IpsecAh.SPI_OFFSET, ahOffset + IpsecAh.SPI_OFFSET + 4,
                packet, 12, 16);
    }

    /** The sequence number, unsigned. */
    public long sequence() {
        return readUnsigned32(ahOffset + IpsecAh.SEQUENCE_OFFSET);
    }

    /**
     * Whether the ICV is the one {@code key} gives for these bytes.
     *
     * @param zeroTtl keepalived leaves the TTL out of the ICV for unicast instances only
     */
    public boolean icvMatches(AuthData key, boolean zeroTtl) {
        return IpsecAh.icvMatches(packet, ahOffset, key, zeroTtl);
    }

    private long readUnsigned32(int offset) {
        long value = 0;
        for (int i = 0; i < 4; i++) {
            value = (value << 8) | (packet[offset + i] & 0xFF);
        }
        return value;
    }

    @Override
    public String toString() {
        return "AH[next=" + nextHeader() + ", spi=" + Long.toHexString(spi()) + ", seq=" + sequence() + ", icv="
                + HexFormat.of().formatHex(packet, ahOffset + IpsecAh.ICV_OFFSET, ahOffset + IpsecAh.HEADER_LENGTH)
                + "]";
    }
}
