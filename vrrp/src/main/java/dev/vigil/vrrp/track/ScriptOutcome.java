package dev.vigil.vrrp.track;

import java.util.Objects;

/**
 * How one run of a {@code vrrp_script} ended; the runtime that runs the process reports it.
 * Only exit status 0 is a success; a timeout (keepalived kills the script) and a signal are
 * failures (vrrp_scheduler.c vrrp_script_child_thread).
 *
 * @param code exit status or signal number; 0 for a timeout
 */
public record ScriptOutcome(Kind kind, int code) {

    /** How the process ended. */
    public enum Kind {
        EXITED,
        TIMED_OUT,
        SIGNALLED
    }

    public ScriptOutcome {
        Objects.requireNonNull(kind, "kind");
    }

    public static ScriptOutcome exited(int status) {
        return new ScriptOutcome(Kind.EXITED, status);
    }

    public static ScriptOutcome timedOut() {
        return new ScriptOutcome(Kind.TIMED_OUT, 0);
    }

    public static ScriptOutcome signalled(int signal) {
        return new ScriptOutcome(Kind.SIGNALLED, signal);
    }

    public boolean success() {
        return kind == Kind.EXITED && code == 0;
    }
}
