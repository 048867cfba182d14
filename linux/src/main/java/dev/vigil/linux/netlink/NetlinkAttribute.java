package dev.vigil.linux.netlink;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * One decoded netlink attribute ({@code struct nlattr} + value). The accessors read the
 * value in the width they name; they return empty instead of throwing when the value is
 * too short, so malformed kernel data never escapes as an exception.
 *
 * @param type the type without the NLA_F_NESTED / NLA_F_NET_BYTEORDER flags
 * @param nestedFlag whether NLA_F_NESTED was set (many senders omit it on nests)
 * @param value the value bytes, without padding; do not modify
 */
public record NetlinkAttribute(int type, boolean nestedFlag, byte[] value) {

    /** The value as a host-order buffer. */
    public ByteBuffer buffer() {
        return ByteBuffer.wrap(value).asReadOnlyBuffer().order(ByteOrder.nativeOrder());
    }

    /** An 8-bit unsigned value. */
    public Optional<Integer> asU8() {
        return value.length >= 1 ? Optional.of(value[0] & 0xFF) : Optional.empty();
    }

    /** A 16-bit unsigned host-order value. */
    public Optional<Integer> asU16() {
        return value.length >= 2 ? Optional.of(buffer().getShort() & 0xFFFF) : Optional.empty();
    }

    /** A 16-bit unsigned big-endian value. */
    public Optional<Integer> asU16BigEndian() {
        return value.length >= 2 ? Optional.of((value[0] & 0xFF) << 8 | value[1] & 0xFF) : Optional.empty();
    }

    /** A 32-bit host-order value (read as unsigned into a long). */
    public Optional<Long> asU32() {
        return value.length >= 4 ? Optional.of(buffer().getInt() & 0xFFFF_FFFFL) : Optional.empty();
    }

    /** A 32-bit big-endian value (read as unsigned into a long). */
    public Optional<Long> asU32BigEndian() {
        return value.length >= 4
                ? Optional.of(ByteBuffer.wrap(value).getInt() & 0xFFFF_FFFFL)
                : Optional.empty();
    }

    /** A 64-bit host-order value. */
    public Optional<Long> asU64() {
        return value.length >= 8 ? Optional.of(buffer().getLong()) : Optional.empty();
    }

    /** A string up to the first NUL (or the whole value when there is none). */
    public String asString() {
        int end = 0;
        while (end < value.length && value[end] != 0) {
            end++;
        }
        return new String(value, 0, end, StandardCharsets.UTF_8);
    }

    /** A 4- or 16-byte address; empty for other lengths. */
    public Optional<InetAddress> asAddress() {
        if (value.length != 4 && value.length != 16) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(value));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** The value parsed as nested attributes. */
    public NetlinkAttributes asNested() {
        return NetlinkAttributes.parse(value, 0, value.length);
    }

    /** A copy of the value. */
    public byte[] copyOfValue() {
        return Arrays.copyOf(value, value.length);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NetlinkAttribute that && type == that.type && nestedFlag == that.nestedFlag
                && Arrays.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * type + Boolean.hashCode(nestedFlag)) + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "NetlinkAttribute[type=" + type + (nestedFlag ? ", nested" : "") + ", length=" + value.length + "]";
    }
}
