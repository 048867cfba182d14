package dev.vigil.common.diag;

/**
 * How bad a problem is, worst first. The config test maps the worst severity found to
 * keepalived's {@code -t} exit codes: {@link #FATAL} → 3 (cannot run), {@link #ERROR} → 4
 * (errors, but would run), anything else → 0.
 */
public enum Severity {
    /** The configuration cannot run at all. */
    FATAL("fatal"),
    /** A value was rejected; keepalived would fall back to a default and run. */
    ERROR("error"),
    /** Accepted, but probably not what was meant (unknown keyword, deprecated form). */
    WARNING("warning"),
    /** Information attached to the run (for example "accepted, no effect in Vigil"). */
    NOTE("note");

    private final String label;

    Severity(String label) {
        this.label = label;
    }

    /** The word printed in a diagnostic line, as a compiler prints it. */
    public String label() {
        return label;
    }

    /** True when this is at least as bad as {@code other}. */
    public boolean atLeast(Severity other) {
        return ordinal() <= other.ordinal();
    }
}
