package dev.vigil.linux.packet;

/**
 * The Internet checksum (RFC 1071): the 16-bit one's complement of the one's complement
 * sum of 16-bit big-endian words, an odd last byte padded with zero. Used for IPv4
 * headers and, with the IPv6 pseudo-header (RFC 8200 §8.1), for ICMPv6.
 */
public final class InternetChecksum {

    private long sum;

    /** Adds {@code length} bytes starting at {@code offset}. Call with even lengths except last. */
    public InternetChecksum add(byte[] bytes, int offset, int length) {
        int end = offset + length;
        int i = offset;
        for (; i + 1 < end; i += 2) {
            sum += (bytes[i] & 0xFF) << 8 | bytes[i + 1] & 0xFF;
        }
        if (i < end) {
            sum += (bytes[i] & 0xFF) << 8;
        }
        return this;
    }

    /** Adds a whole array. */
    public InternetChecksum add(byte[] bytes) {
        return add(bytes, 0, bytes.length);
    }

    /** Adds a 32-bit value as two 16-bit words. */
    public InternetChecksum add32(long value) {
        sum += (value >>> 16) & 0xFFFF;
        sum += value & 0xFFFF;
        return this;
    }

    /** The checksum of everything added so far. */
    public int value() {
        long folded = sum;
        while ((folded >>> 16) != 0) {
            folded = (folded & 0xFFFF) + (folded >>> 16);
        }
        return (int) (~folded & 0xFFFF);
    }

    /** Checksum of one range. */
    public static int of(byte[] bytes, int offset, int length) {
        return new InternetChecksum().add(bytes, offset, length).value();
    }
}
