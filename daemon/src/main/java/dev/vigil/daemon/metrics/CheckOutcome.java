package dev.vigil.daemon.metrics;

import java.util.Locale;

/** How one health check ended, as the {@code result} label of {@code vigil_check_results_total}. */
public enum CheckOutcome {
    SUCCESS,
    FAILURE,
    /** A timed-out check is its own result, not a generic failure. */
    TIMEOUT;

    /** The label value: the lower-case name. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
