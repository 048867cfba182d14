package dev.vigil.daemon.adapt;

import dev.vigil.conf.model.ScriptUser;
import java.util.Objects;
import java.util.Optional;

/**
 * One place in a configuration that names a script Vigil runs.
 *
 * @param block   the keyword of the block that holds the line ({@code vrrp_instance},
 *                {@code real_server}, {@code MISC_CHECK}, ...), to find its position
 * @param keyword the script's keyword ({@code notify_master}, {@code script}, {@code misc_path},
 *                {@code notify_up}, {@code startup_script}, ...)
 * @param subject what it belongs to, as logs name it ({@code (VI_1)}, {@code vrrp_script chk},
 *                {@code [10.0.0.2]:tcp:80 of [10.0.0.1]:tcp:80})
 * @param command the script as written (program and arguments)
 * @param user    the account written with the script, if any
 */
public record ScriptSite(String block, String keyword, String subject, String command, Optional<ScriptUser> user) {
    public ScriptSite {
        Objects.requireNonNull(block, "block");
        Objects.requireNonNull(keyword, "keyword");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(user, "user");
    }

    /** {@code notify_master of (VI_1)}. */
    public String describe() {
        return keyword + " of " + subject;
    }
}
