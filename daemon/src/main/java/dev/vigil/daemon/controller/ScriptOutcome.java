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

    /** The script could not be started (missing program, permission, refused by script security). */
    record NotStarted(String reason) implements ScriptOutcome {
        public NotStarted {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
