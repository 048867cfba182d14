package dev.vigil.conf.model;

import java.util.Objects;

/**
 * A {@code track_interface} entry: {@code IF [weight N [reverse]]}. Weight 0 means the
 * instance goes to FAULT when the interface is down.
 */
public record TrackedInterface(String name, int weight, boolean reverse) {
    public TrackedInterface {
        Objects.requireNonNull(name, "name");
    }
}
