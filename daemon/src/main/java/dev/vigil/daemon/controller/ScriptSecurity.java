package dev.vigil.daemon.controller;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * keepalived's script checks (notify.c {@code check_script_secure()} and
 * {@code check_security()}): the program is looked up ({@code PATH} for a bare name), its
 * symbolic links are resolved, and the resolved file and every directory above it are
 * inspected. A component is unsafe when it is not owned by root, or when a user other than root
 * could write it: group-writable with a group other than root, or writable by everyone; a
 * directory with the sticky bit (like /tmp) only has to be owned by root.
 *
 * <p>Not done (unlike keepalived): the execute permission is checked for anyone, not for the
 * script's own account; libmagic's "add a #! shebang" hint. Reads file attributes only.
 */
public final class ScriptSecurity {

    private static final int GROUP_WRITE = 0020;
    private static final int OTHER_WRITE = 0002;
    private static final int ANY_EXECUTE = 0111;
    private static final int STICKY = 01000;
    private static final int SET_UID = 04000;
    private static final int SET_GID = 02000;
    private static final int OWNER_EXECUTE = 0100;
    private static final int GROUP_EXECUTE = 0010;

    private ScriptSecurity() {
    }

    /** Finds and inspects {@code program} (a path, or a bare name searched in {@code PATH}). */
    public static ScriptFile inspect(String program) {
        Optional<Path> located = locate(program);
        if (located.isEmpty()) {
            return new ScriptFile.Missing(program.contains("/") ? program + " does not exist"
                    : program + " is not found in PATH");
        }
        try {
            Path real = located.get().toRealPath();
            Map<String, Object> file = Files.readAttributes(real, "unix:mode,uid,gid");
            int mode = (Integer) file.get("mode");
            if (!Files.isRegularFile(real)) {
                return new ScriptFile.Missing(real + " is not a regular file");
            }
            boolean rootSetId = (Integer) file.get("uid") == 0 && (mode & (SET_UID | OWNER_EXECUTE)) == (SET_UID | OWNER_EXECUTE)
                    || (Integer) file.get("gid") == 0 && (mode & (SET_GID | GROUP_EXECUTE)) == (SET_GID | GROUP_EXECUTE);
            return new ScriptFile.Found(real, (mode & ANY_EXECUTE) != 0, rootSetId, firstUnsafe(real));
        } catch (IOException | UnsupportedOperationException e) {
            return new ScriptFile.Missing(program + " cannot be accessed (" + e.getMessage() + ")");
        }
    }

    /** The first component of {@code real} (the file, then each directory up to /) another user could change. */
    private static Optional<String> firstUnsafe(Path real) throws IOException {
        for (Path p = real; p != null; p = p.getParent()) {
            Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid", LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) a.get("mode");
            int uid = (Integer) a.get("uid");
            int gid = (Integer) a.get("gid");
            if (uid != 0) {
                return Optional.of(p + " is owned by uid " + uid + ", not root");
            }
            boolean stickyDirectory = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && (mode & STICKY) != 0;
            if (stickyDirectory) {
                continue;
            }
            if ((mode & OTHER_WRITE) != 0) {
                return Optional.of(p + " is writable by everyone");
            }
            if (gid != 0 && (mode & GROUP_WRITE) != 0) {
                return Optional.of(p + " is writable by group " + gid);
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> locate(String program) {
        if (program.contains("/")) {
            Path path = Path.of(program).toAbsolutePath();
            return Files.exists(path) ? Optional.of(path) : Optional.empty();
        }
        String searchPath = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : searchPath.split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program).toAbsolutePath();
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
