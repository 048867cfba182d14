package dev.vigil.conf.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A {@code track_script} entry: {@code NAME [weight N [reverse|noreverse]]}. An empty weight
 * means "the vrrp_script's own weight".
 */
public record TrackedScript(String name, Optional<Integer> weight, boolean reverse) {
    public TrackedScript {
        Objects.requireNonNull(name, "name");
    }
}
