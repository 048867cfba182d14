package dev.vigil.ipvs;

import dev.vigil.common.text.InetText;
import java.util.Optional;

/**
 * An IPv4 or IPv6 address as an immutable value: two 64-bit halves in network (big-endian)
 * order, so that comparisons, masking and hashing need no byte arrays. IPv4 addresses keep
 * their 32 bits in the low half of {@code low}.
 *
 * <p>{@link #parse(String)} accepts only literals and never resolves names.
 * {@link #toString()} renders like glibc's {@code inet_ntop}, which is what ipvsadm prints.
 */
public final class IpAddress implements Comparable<IpAddress> {

    private static final long IPV4_MASK = 0xffff_ffffL;
    private final AddressFamily family;
    private final long high;
    private final long low;

    private IpAddress(AddressFamily family, long high, long low) {
        this.family = family;
        this.high = high;
        this.low = low;
    }

    /** An IPv4 address from its 32 bits in host order ({@code 0x0a000001} = 10.0.0.1). */
    public static IpAddress ipv4(int bits) {
        return new IpAddress(AddressFamily.INET, 0, bits & IPV4_MASK);
    }

    /** An IPv6 address from its two 64-bit halves, most significant first. */
    public static IpAddress ipv6(long high, long low) {
        return new IpAddress(AddressFamily.INET6, high, low);
    }

    /** The address from 4 or 16 network-order bytes, or empty for any other length. */
    public static Optional<IpAddress> fromBytes(byte[] bytes) {
        if (bytes.length == 4) {
            return Optional.of(ipv4((int) readLong(bytes, 0, 4)));
        }
        if (bytes.length == 16) {
            return Optional.of(ipv6(readLong(bytes, 0, 8), readLong(bytes, 8, 8)));
        }
        return Optional.empty();
    }

    /** Parses an IPv4 dotted quad or an IPv6 literal (no brackets, no zone, no names). */
    public static Optional<IpAddress> parse(String text) {
        return IpAddressText.parse(text);
    }

    /** {@link #parse(String)} for literals known to be valid, e.g. in tests and fixtures. */
    public static IpAddress of(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException("not an IP literal: " + text));
    }

    public AddressFamily family() {
        return family;
    }

    public boolean isIpv4() {
        return family == AddressFamily.INET;
    }

    /** The IPv4 address in host order; meaningless for IPv6. */
    public int ipv4Bits() {
        return (int) low;
    }

    public long high() {
        return high;
    }

    public long low() {
        return low;
    }

    /** Network-order bytes: 4 for IPv4, 16 for IPv6. */
    public byte[] toBytes() {
        if (isIpv4()) {
            byte[] out = new byte[4];
            writeLong(out, 0, 4, low);
            return out;
        }
        byte[] out = new byte[16];
        writeLong(out, 0, 8, high);
        writeLong(out, 8, 8, low);
        return out;
    }

    /**
     * The 32-bit fold the IPVS hash schedulers use, in host order: the address itself for
     * IPv4, the XOR of the four 32-bit words for IPv6 ({@code addr_fold} in ip_vs_sh.c,
     * ip_vs_dh.c, ip_vs_mh.c, ip_vs_lblc.c).
     */
    public int fold() {
        if (isIpv4()) {
            return (int) low;
        }
        return (int) (high >>> 32) ^ (int) high ^ (int) (low >>> 32) ^ (int) low;
    }

    /** The address with all bits past {@code prefixLength} cleared. */
    public IpAddress masked(int prefixLength) {
        int bits = family.bits();
        int keep = Math.clamp(prefixLength, 0, bits);
        if (isIpv4()) {
            long mask = keep == 0 ? 0 : (IPV4_MASK << (32 - keep)) & IPV4_MASK;
            return new IpAddress(family, 0, low & mask);
        }
        long highMask = keep >= 64 ? -1L : keep == 0 ? 0 : -1L << (64 - keep);
        long lowMask = keep <= 64 ? 0 : keep == 128 ? -1L : -1L << (128 - keep);
        return new IpAddress(family, high & highMask, low & lowMask);
    }

    /** Orders IPv4 before IPv6, then numerically (unsigned, network order). */
    @Override
    public int compareTo(IpAddress other) {
        int byFamily = family.compareTo(other.family);
        if (byFamily != 0) {
            return byFamily;
        }
        int byHigh = Long.compareUnsigned(high, other.high);
        return byHigh != 0 ? byHigh : Long.compareUnsigned(low, other.low);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpAddress a && a.family == family && a.high == high && a.low == low;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(high * 31 + low) ^ family.hashCode();
    }

    /** Dotted quad for IPv4; RFC 5952-style text as glibc's inet_ntop prints it for IPv6. */
    @Override
    public String toString() {
        return InetText.format(toBytes());
    }

    private static long readLong(byte[] bytes, int from, int count) {
        long value = 0;
        for (int i = 0; i < count; i++) {
            value = (value << 8) | (bytes[from + i] & 0xff);
        }
        return value;
    }

    private static void writeLong(byte[] out, int from, int count, long value) {
        for (int i = count - 1; i >= 0; i--) {
            out[from + i] = (byte) value;
            value >>>= 8;
        }
    }
}
