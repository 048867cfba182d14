package dev.vigil.linux;

import dev.vigil.linux.internal.Libc;

/**
 * Interface name to index lookups in the calling thread's network namespace
 * (if_nametoindex(3)). For MAC, MTU and flags use
 * {@link dev.vigil.linux.rtnetlink.RtNetlink#link(String)}.
 */
public final class Interfaces {

    /** IFNAMSIZ - 1: the longest interface name Linux accepts. */
    private static final int MAX_NAME = 15;

    private Interfaces() {
    }

    /**
     * The index of interface {@code name}.
     *
     * @throws NativeException ENODEV when there is no such interface
     */
    public static int index(String name) throws NativeException {
        if (name.isEmpty() || name.length() > MAX_NAME || name.contains("/") || name.contains(" ")) {
            throw new IllegalArgumentException("not an interface name: '" + name + "'");
        }
        LinuxNative.ensureAvailable("if_nametoindex(" + name + ")");
        return Libc.ifNameToIndex(name);
    }
}
