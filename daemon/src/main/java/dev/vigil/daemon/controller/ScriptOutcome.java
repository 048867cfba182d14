package dev.vigil.daemon.controller;

import java.time.Duration;
import java.util.Objects;

/** How a notify script ended. */
public sealed interface ScriptOutcome {

    /** The script exited with {@code status} (0 = success). */
    record Exited(int status) implements ScriptOutcome {
    }

    /** The script ran longer than {@code after} and was killed. */
    record TimedOut(Duration after) implements ScriptOutcome {
        public TimedOut {
            Objects.requireNonNull(after, "after");
        }
    }

    /**
     * The script was not started: {@code enable_script_security} found, at run time, that a
     * non-root user could change the program root would run (it was safe when the configuration
     * was loaded, or the adapters would have left it out).
     */
    record Refused(String reason) implements ScriptOutcome {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The script could not be started (missing program, permission, account). */
    record NotStarted(String reason) implements ScriptOutcome {
        public NotStarted {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
