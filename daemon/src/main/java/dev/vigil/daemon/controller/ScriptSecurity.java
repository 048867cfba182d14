package dev.vigil.daemon.controller;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A simplified form of keepalived's {@code enable_script_security} check
 * (notify.c {@code check_script_secure()}): a script run by root must not be replaceable by
 * another user, so the program and every directory above it must be owned by root and not
 * writable by group or others. Programs named without a slash are looked up in {@code PATH}.
 *
 * <p>Not done (unlike keepalived): following symbolic links component by component, and
 * accepting files writable only by the script's own user.
 */
public final class ScriptSecurity {

    /** S_IWGRP | S_IWOTH. */
    private static final int GROUP_OR_OTHER_WRITE = 0022;

    private ScriptSecurity() {
    }

    /** Why {@code program} is unsafe to run, or empty when it is acceptable. */
    public static Optional<String> problem(String program) {
        Optional<Path> file = resolve(program);
        if (file.isEmpty()) {
            return Optional.of("script " + program + " not found");
        }
        try {
            for (Path p = file.get(); p != null; p = p.getParent()) {
                int uid = (Integer) Files.getAttribute(p, "unix:uid");
                int mode = (Integer) Files.getAttribute(p, "unix:mode");
                if (uid != 0 || (mode & GROUP_OR_OTHER_WRITE) != 0 && !isStickyRootDir(p, mode)) {
                    return Optional.of("unsafe permissions on " + p + " for script " + program);
                }
            }
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.of("cannot check " + program + ": " + e.getMessage());
        }
        return Optional.empty();
    }

    /** /tmp-like directories (sticky bit) are writable by all but cannot have entries replaced. */
    private static boolean isStickyRootDir(Path p, int mode) {
        return Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && (mode & 01000) != 0;
    }

    private static Optional<Path> resolve(String program) {
        if (program.contains("/")) {
            Path path = Path.of(program).toAbsolutePath();
            return Files.isRegularFile(path) ? Optional.of(path.normalize()) : Optional.empty();
        }
        String searchPath = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : searchPath.split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program).toAbsolutePath();
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate.normalize());
            }
        }
        return Optional.empty();
    }
}
