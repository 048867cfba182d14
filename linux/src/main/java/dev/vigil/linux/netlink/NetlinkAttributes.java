package dev.vigil.linux.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A decoded run of netlink attributes, in wire order. Pure and lenient: decoding stops
 * at the first attribute whose length is impossible and records that in
 * {@link #malformed()}, never throwing.
 *
 * @param attributes the attributes decoded before any malformed one
 * @param malformed why decoding stopped early, or empty when the whole run was decoded
 */
public record NetlinkAttributes(List<NetlinkAttribute> attributes, Optional<String> malformed) {

    /** An empty run. */
    public static final NetlinkAttributes EMPTY = new NetlinkAttributes(List.of(), Optional.empty());

    /** Copies the list. */
    public NetlinkAttributes {
        attributes = List.copyOf(attributes);
    }

    /** Decodes {@code length} bytes starting at {@code offset}. */
    public static NetlinkAttributes parse(byte[] data, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > data.length) {
            return new NetlinkAttributes(List.of(), Optional.of("attribute range outside the buffer"));
        }
        ByteBuffer buffer = ByteBuffer.wrap(data, offset, length).order(ByteOrder.nativeOrder());
        List<NetlinkAttribute> out = new ArrayList<>();
        while (buffer.remaining() >= Netlink.ATTRIBUTE_HEADER_LENGTH) {
            int start = buffer.position();
            int attributeLength = buffer.getShort(start) & 0xFFFF;
            int rawType = buffer.getShort(start + 2) & 0xFFFF;
            if (attributeLength < Netlink.ATTRIBUTE_HEADER_LENGTH || attributeLength > buffer.remaining()) {
                return new NetlinkAttributes(out, Optional.of("attribute type " + (rawType & Netlink.NLA_TYPE_MASK)
                        + " at offset " + (start - offset) + " has length " + attributeLength + " with "
                        + buffer.remaining() + " bytes left"));
            }
            byte[] value = Arrays.copyOfRange(data, start + Netlink.ATTRIBUTE_HEADER_LENGTH, start + attributeLength);
            out.add(new NetlinkAttribute(rawType & Netlink.NLA_TYPE_MASK, (rawType & Netlink.NLA_F_NESTED) != 0,
                    value));
            buffer.position(Math.min(buffer.limit(), start + Netlink.align(attributeLength)));
        }
        if (buffer.hasRemaining()) {
            return new NetlinkAttributes(out, Optional.of(buffer.remaining() + " trailing bytes after attributes"));
        }
        return new NetlinkAttributes(out, Optional.empty());
    }

    /** The first attribute of {@code type}. */
    public Optional<NetlinkAttribute> first(int type) {
        for (NetlinkAttribute attribute : attributes) {
            if (attribute.type() == type) {
                return Optional.of(attribute);
            }
        }
        return Optional.empty();
    }

    /** Every attribute of {@code type}, in order. */
    public List<NetlinkAttribute> all(int type) {
        return attributes.stream().filter(a -> a.type() == type).toList();
    }

    /** The string value of the first {@code type} attribute. */
    public Optional<String> string(int type) {
        return first(type).map(NetlinkAttribute::asString);
    }

    /** The u8 value of the first {@code type} attribute. */
    public Optional<Integer> u8(int type) {
        return first(type).flatMap(NetlinkAttribute::asU8);
    }

    /** The host-order u16 value of the first {@code type} attribute. */
    public Optional<Integer> u16(int type) {
        return first(type).flatMap(NetlinkAttribute::asU16);
    }

    /** The host-order u32 value of the first {@code type} attribute. */
    public Optional<Long> u32(int type) {
        return first(type).flatMap(NetlinkAttribute::asU32);
    }

    /** The host-order u64 value of the first {@code type} attribute. */
    public Optional<Long> u64(int type) {
        return first(type).flatMap(NetlinkAttribute::asU64);
    }

    /** The first {@code type} attribute decoded as nested attributes. */
    public Optional<NetlinkAttributes> nested(int type) {
        return first(type).map(NetlinkAttribute::asNested);
    }
}
