package dev.vigil.linux.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One decoded netlink message: the {@code nlmsghdr} fields and the payload after it
 * (family header plus attributes). Pure.
 *
 * @param type nlmsg_type
 * @param flags nlmsg_flags
 * @param sequence nlmsg_seq
 * @param portId nlmsg_pid
 * @param payload the bytes after the 16-byte header, without trailing padding; do not modify
 */
public record NetlinkMessage(int type, int flags, int sequence, int portId, byte[] payload) {

    /**
     * The messages in one datagram.
     *
     * @param messages the messages decoded before any malformed one
     * @param malformed why decoding stopped early, or empty
     */
    public record Batch(List<NetlinkMessage> messages, Optional<String> malformed) {
        /** Copies the list. */
        public Batch {
            messages = List.copyOf(messages);
        }
    }

    /** Splits the first {@code length} bytes of a datagram into messages (NLMSG_NEXT). */
    public static Batch split(byte[] data, int length) {
        ByteBuffer buffer = ByteBuffer.wrap(data, 0, Math.min(length, data.length)).order(ByteOrder.nativeOrder());
        List<NetlinkMessage> out = new ArrayList<>();
        while (buffer.remaining() >= Netlink.HEADER_LENGTH) {
            int start = buffer.position();
            int messageLength = buffer.getInt(start);
            if (messageLength < Netlink.HEADER_LENGTH || messageLength > buffer.remaining()) {
                return new Batch(out, Optional.of("message at offset " + start + " has length "
                        + Integer.toUnsignedString(messageLength) + " with " + buffer.remaining() + " bytes left"));
            }
            out.add(new NetlinkMessage(buffer.getShort(start + 4) & 0xFFFF, buffer.getShort(start + 6) & 0xFFFF,
                    buffer.getInt(start + 8), buffer.getInt(start + 12),
                    Arrays.copyOfRange(data, start + Netlink.HEADER_LENGTH, start + messageLength)));
            buffer.position(Math.min(buffer.limit(), start + Netlink.align(messageLength)));
        }
        if (buffer.hasRemaining()) {
            return new Batch(out, Optional.of(buffer.remaining() + " trailing bytes after messages"));
        }
        return new Batch(out, Optional.empty());
    }

    /** The attributes after a family header of {@code familyHeaderLength} bytes (aligned to 4). */
    public NetlinkAttributes attributes(int familyHeaderLength) {
        int offset = Netlink.align(familyHeaderLength);
        if (offset > payload.length) {
            return new NetlinkAttributes(List.of(), Optional.of("payload of " + payload.length
                    + " bytes is shorter than the " + familyHeaderLength + "-byte family header"));
        }
        return NetlinkAttributes.parse(payload, offset, payload.length - offset);
    }

    /** The payload as a host-order buffer. */
    public ByteBuffer payloadBuffer() {
        return ByteBuffer.wrap(payload).asReadOnlyBuffer().order(ByteOrder.nativeOrder());
    }

    /** True for NLMSG_ERROR (an error or an acknowledgement). */
    public boolean isError() {
        return type == Netlink.NLMSG_ERROR;
    }

    /** True for NLMSG_DONE. */
    public boolean isDone() {
        return type == Netlink.NLMSG_DONE;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NetlinkMessage that && type == that.type && flags == that.flags
                && sequence == that.sequence && portId == that.portId && Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
        return ((31 * type + flags) * 31 + sequence) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "NetlinkMessage[type=" + type + ", flags=0x" + Integer.toHexString(flags) + ", seq=" + sequence
                + ", pid=" + portId + ", payload=" + payload.length + " bytes]";
    }
}
