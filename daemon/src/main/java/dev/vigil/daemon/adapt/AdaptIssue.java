package dev.vigil.daemon.adapt;

import java.util.Objects;

/**
 * Something in the configuration the engines cannot do as written: a checker type Vigil lacks,
 * a setting the IPVS model has no room for, a clash between virtual servers. The adapter skips
 * or simplifies the object and says so here; the daemon logs these at start.
 *
 * @param subject what it concerns, as keepalived names it ({@code [10.0.0.2]:tcp:80 of [10.0.0.1]:tcp:80})
 */
public record AdaptIssue(String subject, String message) {
    public AdaptIssue {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return subject + ": " + message;
    }
}
