package dev.vigil.conf.model;

import java.util.Objects;
import java.util.Optional;

/** The user (and optional group) a script runs as: keepalived's {@code USER [GROUP]} arguments. */
public record ScriptUser(String user, Optional<String> group) {
    public ScriptUser {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(group, "group");
    }
}
