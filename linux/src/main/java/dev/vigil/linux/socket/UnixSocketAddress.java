package dev.vigil.linux.socket;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The address of a unix-domain socket (unix(7)): a filesystem path, or a name in the abstract
 * namespace (no file; the name lives as long as a socket is bound to it, and belongs to the
 * network namespace). Written the way systemd's {@code NOTIFY_SOCKET} writes it: a leading
 * {@code @} means abstract ({@code @/org/freedesktop/systemd1/notify/…}), anything else is a
 * path.
 *
 * @param name     the path, or the abstract name without its {@code @}
 * @param abstractName true for the abstract namespace
 */
public record UnixSocketAddress(String name, boolean abstractName) {

    /** AF_UNIX. */
    static final int AF_UNIX = 1;
    /** sizeof(struct sockaddr_un): sa_family_t (2) + sun_path[108]. */
    static final int SOCKADDR_UN_SIZE = 110;
    /** offsetof(struct sockaddr_un, sun_path). */
    private static final int PATH_OFFSET = 2;
    /** sun_path holds 108 bytes: a path needs its terminating NUL, an abstract name its leading NUL. */
    public static final int MAX_NAME_BYTES = 107;

    public UnixSocketAddress {
        Objects.requireNonNull(name, "name");
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes == 0) {
            throw new IllegalArgumentException("a unix socket address needs a path or an abstract name");
        }
        if (bytes > MAX_NAME_BYTES) {
            throw new IllegalArgumentException("unix socket address '" + name + "' has " + bytes
                    + " bytes; at most " + MAX_NAME_BYTES + " fit in sun_path");
        }
        if (!abstractName && name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a unix socket path cannot contain NUL");
        }
    }

    /** A filesystem path. */
    public static UnixSocketAddress path(String path) {
        return new UnixSocketAddress(path, false);
    }

    /** A name in the abstract namespace (given without the {@code @}). */
    public static UnixSocketAddress abstractName(String name) {
        return new UnixSocketAddress(name, true);
    }

    /**
     * Parses systemd's notation: {@code @name} is abstract, anything else a path.
     *
     * @throws IllegalArgumentException when empty, {@code @} alone, or too long
     */
    public static UnixSocketAddress parse(String text) {
        Objects.requireNonNull(text, "text");
        return text.startsWith("@") ? abstractName(text.substring(1)) : path(text);
    }

    /** struct sockaddr_un with exactly the length the kernel expects for this address. */
    MemorySegment toSockaddr(Arena arena) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        MemorySegment sa = arena.allocate(SOCKADDR_UN_SIZE, 2);
        sa.set(JAVA_SHORT, 0, (short) AF_UNIX);
        // Abstract: sun_path[0] is NUL and the name follows, its length given by addrlen
        // (no terminator). Path: the bytes then a NUL, which the zeroed segment provides.
        int offset = abstractName ? PATH_OFFSET + 1 : PATH_OFFSET;
        MemorySegment.copy(bytes, 0, sa, JAVA_BYTE, offset, bytes.length);
        long length = abstractName ? PATH_OFFSET + 1L + bytes.length : PATH_OFFSET + bytes.length + 1L;
        return sa.asSlice(0, length);
    }

    /** The address as systemd writes it: {@code @name} or the path. */
    @Override
    public String toString() {
        return abstractName ? "@" + name : name;
    }
}
