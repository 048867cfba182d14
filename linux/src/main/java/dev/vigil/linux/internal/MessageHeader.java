package dev.vigil.linux.internal;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * struct msghdr, struct iovec and control messages (cmsg(3)) for sendmsg/recvmsg on LP64
 * Linux (x86-64, arm64), where size_t and pointers are 8 bytes.
 *
 * <pre>
 * msghdr:  name ptr @0, namelen u32 @8, iov ptr @16, iovlen size_t @24,
 *          control ptr @32, controllen size_t @40, flags int @48; 56 bytes
 * iovec:   base ptr @0, len size_t @8; 16 bytes
 * cmsghdr: len size_t @0, level int @8, type int @12, data @16, aligned to 8
 * </pre>
 */
public final class MessageHeader {

    private static final long MSGHDR_SIZE = 56;
    private static final long IOVEC_SIZE = 16;
    private static final long CMSG_HEADER = 16;
    private static final long CMSG_ALIGN = 8;
    /** MSG_TRUNC in msg_flags: the datagram was longer than the buffer. */
    public static final int MSG_TRUNC = 0x20;
    /** MSG_CTRUNC in msg_flags: control data did not fit. */
    public static final int MSG_CTRUNC = 0x08;

    /** One control message: level, type and its data bytes. */
    public record ControlMessage(int level, int type, MemorySegment data) {
    }

    private MessageHeader() {
    }

    /**
     * A msghdr over one buffer.
     *
     * @param name socket address (sendmsg destination or recvmsg source buffer), or null
     * @param control control-message buffer, or null
     */
    public static MemorySegment of(Arena arena, MemorySegment name, MemorySegment data, MemorySegment control) {
        MemorySegment iov = arena.allocate(IOVEC_SIZE, 8);
        iov.set(ADDRESS, 0, data);
        iov.set(JAVA_LONG, 8, data.byteSize());
        MemorySegment msg = arena.allocate(MSGHDR_SIZE, 8);
        if (name != null) {
            msg.set(ADDRESS, 0, name);
            msg.set(JAVA_INT, 8, (int) name.byteSize());
        }
        msg.set(ADDRESS, 16, iov);
        msg.set(JAVA_LONG, 24, 1L);
        if (control != null) {
            msg.set(ADDRESS, 32, control);
            msg.set(JAVA_LONG, 40, control.byteSize());
        }
        return msg;
    }

    /** msg_flags after recvmsg. */
    public static int flags(MemorySegment msghdr) {
        return msghdr.get(JAVA_INT, 48);
    }

    /** Bytes needed for one control message carrying {@code dataLength} bytes (CMSG_SPACE). */
    public static long space(long dataLength) {
        return CMSG_HEADER + align(dataLength);
    }

    /** A control buffer holding one control message with {@code data}. */
    public static MemorySegment control(Arena arena, int level, int type, MemorySegment data) {
        MemorySegment control = arena.allocate(space(data.byteSize()), 8);
        control.set(JAVA_LONG, 0, CMSG_HEADER + data.byteSize());
        control.set(JAVA_INT, 8, level);
        control.set(JAVA_INT, 12, type);
        MemorySegment.copy(data, 0, control, CMSG_HEADER, data.byteSize());
        return control;
    }

    /** The control messages recvmsg wrote, walking msg_controllen bytes. */
    public static List<ControlMessage> controls(MemorySegment msghdr, MemorySegment control) {
        long length = Math.min(msghdr.get(JAVA_LONG, 40), control.byteSize());
        List<ControlMessage> out = new ArrayList<>();
        long offset = 0;
        while (offset + CMSG_HEADER <= length) {
            long cmsgLen = control.get(JAVA_LONG, offset);
            if (cmsgLen < CMSG_HEADER || offset + cmsgLen > length) {
                break;
            }
            out.add(new ControlMessage(control.get(JAVA_INT, offset + 8), control.get(JAVA_INT, offset + 12),
                    control.asSlice(offset + CMSG_HEADER, cmsgLen - CMSG_HEADER)));
            offset += align(cmsgLen);
        }
        return out;
    }

    private static long align(long length) {
        return (length + CMSG_ALIGN - 1) & -CMSG_ALIGN;
    }
}
