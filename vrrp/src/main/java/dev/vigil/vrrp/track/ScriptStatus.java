package dev.vigil.vrrp.track;

/** A {@code vrrp_script}'s verdict after rise/fall counting ({@link ScriptHealth}). */
public enum ScriptStatus {
    /** No result yet (keepalived SCRIPT_INIT_STATE_INIT): weights count neither way; weight 0 holds FAULT. */
    PENDING,
    /** At least {@code rise} successes since the last failure verdict. */
    OK,
    /** Failed {@code fall} times in a row, or {@code init_fail} before the first result. */
    FAILED
}
