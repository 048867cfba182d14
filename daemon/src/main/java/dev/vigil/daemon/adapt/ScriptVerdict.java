package dev.vigil.daemon.adapt;

import dev.vigil.daemon.controller.ScriptCommand;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What {@link ScriptPolicy} decided for one configured script. */
public sealed interface ScriptVerdict {

    /**
     * The script runs.
     *
     * @param command     the words with the account resolved (own user, else script_user, else
     *                    keepalived_script when that account exists)
     * @param commandLine the argv to execute ({@code runuser …} first when switching accounts)
     * @param warning     what keepalived would log about it (root runs a script others could
     *                    change, without {@code enable_script_security})
     */
    record Allowed(ScriptCommand command, List<String> commandLine, Optional<String> warning)
            implements ScriptVerdict {
        public Allowed {
            Objects.requireNonNull(command, "command");
            commandLine = List.copyOf(commandLine);
            Objects.requireNonNull(warning, "warning");
        }
    }

    /** The script does not run. */
    record Refused(RefusalReason reason, String detail) implements ScriptVerdict {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** True unless {@link Refused}. */
    default boolean allowed() {
        return this instanceof Allowed;
    }
}
