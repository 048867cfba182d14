package dev.vigil.conf.model;

import java.util.List;
import java.util.Objects;

/** A {@code virtual_server_group NAME { ... }}: services sharing one virtual_server definition. */
public record VirtualServerGroup(String name, List<VsgEntry> entries) {
    public VirtualServerGroup {
        Objects.requireNonNull(name, "name");
        entries = List.copyOf(entries);
    }
}
