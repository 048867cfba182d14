package dev.vigil.vrrp.track;

import java.util.Objects;
import java.util.Optional;

/**
 * What one tracker currently does to one instance: a priority change, or FAULT with a reason
 * for logs (never both).
 */
public record Contribution(int priorityDelta, Optional<String> fault) {

    public static final Contribution NONE = new Contribution(0, Optional.empty());

    public Contribution {
        Objects.requireNonNull(fault, "fault");
        if (fault.isPresent() && priorityDelta != 0) {
            throw new IllegalArgumentException("a faulting tracker adds no priority");
        }
    }

    public static Contribution delta(int priorityDelta) {
        return priorityDelta == 0 ? NONE : new Contribution(priorityDelta, Optional.empty());
    }

    public static Contribution faulted(String reason) {
        return new Contribution(0, Optional.of(reason));
    }

    public boolean faulting() {
        return fault.isPresent();
    }
}
