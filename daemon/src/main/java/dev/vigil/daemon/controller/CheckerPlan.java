package dev.vigil.daemon.controller;

import dev.vigil.daemon.alert.CheckerType;
import dev.vigil.healthcheck.CheckSpec;
import java.util.Objects;

/**
 * One checker of a real server, ready to run.
 *
 * @param name unique among all checkers of the controller (it names the checker in events)
 * @param spec what to check, with keepalived's inheritance already applied
 * @param type the checker keyword, for mail and status
 */
public record CheckerPlan(String name, CheckSpec spec, CheckerType type) {
    public CheckerPlan {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(type, "type");
    }

    /** The alert package's name for a healthcheck kind (they share keepalived's keywords). */
    public static CheckerType typeOf(CheckSpec spec) {
        return CheckerType.valueOf(spec.kind().name());
    }
}
