package dev.vigil.ipvs.sched;

/**
 * The kernel's {@code hsiphash()} of one 32-bit value as 64-bit kernels compute it
 * (lib/siphash.c, {@code BITS_PER_LONG == 64}): SipHash-1-3 over the 4 input bytes in
 * little-endian order, keyed with two 64-bit words, truncated to 32 bits.
 *
 * <p>Deviation: 32-bit kernels implement hsiphash as HalfSipHash-1-3 with 32-bit words and
 * produce different values, so their mh tables differ from what this computes; every
 * director of a pair must run the same word size for mh tables to agree anyway.
 */
final class HalfSipHash {

    /** SipHash initialisation constants: "somepseudorandomlygeneratedbytes". */
    private static final long INIT0 = 0x736f6d6570736575L;
    private static final long INIT1 = 0x646f72616e646f6dL;
    private static final long INIT2 = 0x6c7967656e657261L;
    private static final long INIT3 = 0x7465646279746573L;
    /** Input length (4 bytes) goes in the top byte of the final block. */
    private static final long LENGTH_4 = 4L << 56;

    private final long k0;
    private final long k1;

    HalfSipHash(long k0, long k1) {
        this.k0 = k0;
        this.k1 = k1;
    }

    /** hsiphash(&value, 4, key) on a little-endian 64-bit kernel. */
    int hash(int value) {
        long v0 = INIT0 ^ k0;
        long v1 = INIT1 ^ k1;
        long v2 = INIT2 ^ k0;
        long v3 = INIT3 ^ k1;
        long b = LENGTH_4 | (value & 0xffff_ffffL);
        v3 ^= b;
        // one compression round (SipHash-1-3)
        v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
        v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
        v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
        v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        v0 ^= b;
        v2 ^= 0xff;
        for (int round = 0; round < 3; round++) {
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        }
        return (int) ((v0 ^ v1) ^ (v2 ^ v3));
    }
}
