package dev.vigil.common.text;

/**
 * Whether a configured name can stand for one entry of a directory, as a namespace name does
 * under {@code /var/run/netns} and an instance name does in a pid file's name: not empty, no
 * {@code /}, and not {@code .} or {@code ..}, so that it can never reach outside that
 * directory. Pure.
 */
public final class FileName {

    private FileName() {
    }

    /** True when {@code name} is one plain directory entry. */
    public static boolean isPlain(String name) {
        return !name.isEmpty() && !name.contains("/") && !name.equals(".") && !name.equals("..");
    }
}
