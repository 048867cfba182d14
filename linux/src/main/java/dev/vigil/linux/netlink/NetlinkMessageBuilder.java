package dev.vigil.linux.netlink;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * Builds one netlink message: the 16-byte {@code nlmsghdr}, a family header (e.g.
 * {@code genlmsghdr}, {@code ifaddrmsg}) and attributes, nested to any depth. Pure; host
 * byte order except the explicitly big-endian writers.
 *
 * <p>Usage: {@code new NetlinkMessageBuilder(type, flags).familyHeader(...).u32(...)
 * .beginNested(1).string(...).endNested().build(seq, 0)}. A builder builds once per
 * {@code build} call and can be built again with another sequence number. Nested
 * attributes are written without {@link Netlink#NLA_F_NESTED} unless the caller ORs it
 * into the type, which is what libnl and libipvs send; strict-validating families want it.
 */
public final class NetlinkMessageBuilder {

    private final int type;
    private final int flags;
    private byte[] bytes = new byte[256];
    private int length = Netlink.HEADER_LENGTH;
    private final Deque<Integer> openNests = new ArrayDeque<>();

    /** Starts a message of {@code type} with {@code flags} (NLM_F_*). */
    public NetlinkMessageBuilder(int type, int flags) {
        if (type < 0 || type > 0xFFFF || flags < 0 || flags > 0xFFFF) {
            throw new IllegalArgumentException("type and flags are 16-bit: " + type + ", " + flags);
        }
        this.type = type;
        this.flags = flags;
    }

    /** The message type. */
    public int type() {
        return type;
    }

    /** The flags given at construction. */
    public int flags() {
        return flags;
    }

    /** Appends the family's fixed header (padded to 4 bytes); call before any attribute. */
    public NetlinkMessageBuilder familyHeader(byte[] header) {
        append(header);
        pad();
        return this;
    }

    /** A generic netlink header: command, version, two reserved bytes. */
    public NetlinkMessageBuilder genlHeader(int command, int version) {
        return familyHeader(new byte[] {(byte) command, (byte) version, 0, 0});
    }

    /** An attribute with raw bytes. */
    public NetlinkMessageBuilder bytes(int attributeType, byte[] value) {
        int start = length;
        append(new byte[Netlink.ATTRIBUTE_HEADER_LENGTH]);
        append(value);
        putHeader(start, Netlink.ATTRIBUTE_HEADER_LENGTH + value.length, attributeType);
        pad();
        return this;
    }

    /** A zero-length (flag) attribute. */
    public NetlinkMessageBuilder flag(int attributeType) {
        return bytes(attributeType, new byte[0]);
    }

    /** An 8-bit attribute. */
    public NetlinkMessageBuilder u8(int attributeType, int value) {
        return bytes(attributeType, new byte[] {(byte) value});
    }

    /** A 16-bit host-order attribute. */
    public NetlinkMessageBuilder u16(int attributeType, int value) {
        return bytes(attributeType, ordered(2, ByteOrder.nativeOrder()).putShort((short) value).array());
    }

    /** A 16-bit big-endian attribute (e.g. ports). */
    public NetlinkMessageBuilder u16BigEndian(int attributeType, int value) {
        return bytes(attributeType, ordered(2, ByteOrder.BIG_ENDIAN).putShort((short) value).array());
    }

    /** A 32-bit host-order attribute. */
    public NetlinkMessageBuilder u32(int attributeType, int value) {
        return bytes(attributeType, ordered(4, ByteOrder.nativeOrder()).putInt(value).array());
    }

    /** A 32-bit big-endian attribute (e.g. an IPv4 netmask). */
    public NetlinkMessageBuilder u32BigEndian(int attributeType, int value) {
        return bytes(attributeType, ordered(4, ByteOrder.BIG_ENDIAN).putInt(value).array());
    }

    /** A 64-bit host-order attribute. */
    public NetlinkMessageBuilder u64(int attributeType, long value) {
        return bytes(attributeType, ordered(8, ByteOrder.nativeOrder()).putLong(value).array());
    }

    /** A NUL-terminated string attribute (NLA_NUL_STRING / NLA_STRING). */
    public NetlinkMessageBuilder string(int attributeType, String value) {
        byte[] text = value.getBytes(StandardCharsets.UTF_8);
        return bytes(attributeType, Arrays.copyOf(text, text.length + 1));
    }

    /** An address attribute: 4 or 16 network-order bytes. */
    public NetlinkMessageBuilder address(int attributeType, InetAddress address) {
        return bytes(attributeType, address.getAddress());
    }

    /** Opens a nested attribute; close it with {@link #endNested()}. */
    public NetlinkMessageBuilder beginNested(int attributeType) {
        openNests.push(length);
        append(new byte[Netlink.ATTRIBUTE_HEADER_LENGTH]);
        putHeader(length - Netlink.ATTRIBUTE_HEADER_LENGTH, 0, attributeType);
        return this;
    }

    /** Closes the innermost nested attribute, fixing its length. */
    public NetlinkMessageBuilder endNested() {
        if (openNests.isEmpty()) {
            throw new IllegalStateException("endNested without beginNested");
        }
        int start = openNests.pop();
        int type = ByteBuffer.wrap(bytes, start + 2, 2).order(ByteOrder.nativeOrder()).getShort() & 0xFFFF;
        putHeader(start, length - start, type);
        return this;
    }

    /** A nested attribute whose content {@code body} writes. */
    public NetlinkMessageBuilder nested(int attributeType, Consumer<NetlinkMessageBuilder> body) {
        beginNested(attributeType);
        body.accept(this);
        return endNested();
    }

    /**
     * The finished message.
     *
     * @param sequence the nlmsg_seq
     * @param portId the nlmsg_pid (0 for messages to the kernel)
     * @throws IllegalStateException when a nested attribute is still open
     */
    public byte[] build(int sequence, int portId) {
        if (!openNests.isEmpty()) {
            throw new IllegalStateException(openNests.size() + " nested attribute(s) not closed");
        }
        byte[] message = Arrays.copyOf(bytes, length);
        ByteBuffer.wrap(message).order(ByteOrder.nativeOrder())
                .putInt(length).putShort((short) type).putShort((short) flags).putInt(sequence).putInt(portId);
        return message;
    }

    private void putHeader(int offset, int attributeLength, int attributeType) {
        if (attributeLength > 0xFFFF) {
            throw new IllegalStateException("attribute longer than 65535 bytes");
        }
        ByteBuffer.wrap(bytes, offset, 4).order(ByteOrder.nativeOrder())
                .putShort((short) attributeLength).putShort((short) attributeType);
    }

    private void append(byte[] data) {
        ensure(length + data.length);
        System.arraycopy(data, 0, bytes, length, data.length);
        length += data.length;
    }

    private void pad() {
        int aligned = Netlink.align(length);
        ensure(aligned);
        length = aligned;
    }

    private void ensure(int capacity) {
        if (capacity > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(capacity, bytes.length * 2));
        }
    }

    private static ByteBuffer ordered(int size, ByteOrder order) {
        return ByteBuffer.allocate(size).order(order);
    }
}
