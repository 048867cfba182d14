package dev.vigil.daemon.alert;

/** What one checker concluded about a real server. Only MISC_CHECK reports {@link #TIMED_OUT}. */
public enum CheckStatus {
    SUCCEEDED,
    FAILED,
    TIMED_OUT
}
