package dev.vigil.vrrp.codec;

/**
 * The Internet checksum of RFC 1071: the 16-bit one's complement of the one's complement sum
 * of 16-bit big-endian words, an odd trailing byte padded with zero.
 *
 * <p>Use {@link #add} to accumulate several pieces (a pseudo-header, then the message) and
 * {@link #finish} to fold and complement. A message that contains a correct checksum sums to
 * a finished value of 0.
 */
public final class InternetChecksum {

    private InternetChecksum() {
    }

    /**
     * Adds {@code length} bytes at {@code offset} to {@code accumulator}. Pieces must start at
     * even offsets of the checksummed stream (all VRRP pieces do), so only the last may be odd.
     */
    public static long add(long accumulator, byte[] data, int offset, int length) {
        long sum = accumulator;
        int end = offset + length;
        int i = offset;
        for (; i + 1 < end; i += 2) {
            sum += ((data[i] & 0xFF) << 8) | (data[i + 1] & 0xFF);
        }
        if (i < end) {
            sum += (data[i] & 0xFF) << 8;
        }
        return sum;
    }

    /** Adds one 16-bit word. */
    public static long addWord(long accumulator, int word) {
        return accumulator + (word & 0xFFFF);
    }

    /** Folds the carries into 16 bits and complements: the value to put in a checksum field. */
    public static int finish(long accumulator) {
        long sum = accumulator;
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) (~sum & 0xFFFF);
    }

    /** Checksum of one byte range. */
    public static int of(byte[] data, int offset, int length) {
        return finish(add(0, data, offset, length));
    }
}
