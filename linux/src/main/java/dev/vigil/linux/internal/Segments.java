package dev.vigil.linux.internal;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/** Copies between Java buffers and native memory (heap memory cannot be passed to a downcall). */
public final class Segments {

    private Segments() {
    }

    /** Native copy of the buffer's remaining bytes; the buffer's position is unchanged. */
    public static MemorySegment copyOf(Arena arena, ByteBuffer buffer) {
        MemorySegment segment = arena.allocate(Math.max(1, buffer.remaining()));
        MemorySegment.copy(MemorySegment.ofBuffer(buffer), 0, segment, 0, buffer.remaining());
        return segment.asSlice(0, buffer.remaining());
    }

    /** Native copy of an array. */
    public static MemorySegment copyOf(Arena arena, byte[] bytes) {
        MemorySegment segment = arena.allocate(Math.max(1, bytes.length));
        MemorySegment.copy(bytes, 0, segment, JAVA_BYTE, 0, bytes.length);
        return segment.asSlice(0, bytes.length);
    }

    /** The first {@code length} bytes of a segment as an array. */
    public static byte[] toArray(MemorySegment segment, long length) {
        return segment.asSlice(0, length).toArray(JAVA_BYTE);
    }
}
