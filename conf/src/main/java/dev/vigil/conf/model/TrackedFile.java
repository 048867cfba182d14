package dev.vigil.conf.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A {@code track_file} entry inside an instance or sync group: {@code NAME [weight N [reverse]]}.
 * An empty weight means "the track_file block's own weight".
 */
public record TrackedFile(String name, Optional<Integer> weight, boolean reverse) {
    public TrackedFile {
        Objects.requireNonNull(name, "name");
    }
}
