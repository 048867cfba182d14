package dev.vigil.conf.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A script keepalived runs on an event: the command line (one quoted word in the file, so it
 * may carry arguments) and, when given after it, the user and group to run it as.
 */
public record NotifyScript(String command, Optional<ScriptUser> runAs) {
    public NotifyScript {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(runAs, "runAs");
    }

    public static NotifyScript of(String command) {
        return new NotifyScript(command, Optional.empty());
    }
}
