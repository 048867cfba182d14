package dev.vigil.daemon.controller;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What the file system says about the program of a script, as {@link ScriptSecurity#inspect}
 * finds it (keepalived notify.c {@code check_script_secure()}).
 */
public sealed interface ScriptFile {

    /** The program cannot be found or accessed. */
    record Missing(String reason) implements ScriptFile {
        public Missing {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The program exists.
     *
     * @param path       the file, symbolic links resolved
     * @param executable some execute permission bit is set
     * @param rootSetId  set-user-id root or set-group-id root: it runs with root's rights
     *                   whoever starts it
     * @param unsafe     why a user other than root could change what runs (the first such
     *                   component of the path), if one could
     */
    record Found(Path path, boolean executable, boolean rootSetId, Optional<String> unsafe) implements ScriptFile {
        public Found {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(unsafe, "unsafe");
        }

        /** A root-owned executable only root can change (for tests and fakes). */
        public static Found safe(Path path) {
            return new Found(path, true, false, Optional.empty());
        }
    }
}
