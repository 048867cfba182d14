package dev.vigil.healthcheck.genhash;

import java.util.Objects;

/**
 * What genhash prints and how it exits.
 *
 * @param stdout   text for standard output
 * @param stderr   text for standard error
 * @param exitCode keepalived's genhash exits 0 once a fetch was attempted, whether or not it
 *                 produced a digest (only bad options give 1), and so does this
 */
public record GenhashReport(String stdout, String stderr, int exitCode) {

    public GenhashReport {
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
    }
}
