package dev.vigil.daemon.adapt;

import dev.vigil.conf.model.GlobalDefs;
import dev.vigil.daemon.controller.ScriptCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The daemon-wide scripts of {@code global_defs}: {@code startup_script}, run once the daemon
 * has started, and {@code shutdown_script}, run when it stops (keepalived core/main.c). Each
 * runs with its own account, else {@code script_user}, else keepalived_script. Pure apart from
 * the policy's file checks.
 *
 * @param issues scripts that could not be adapted (empty command lines)
 */
public record DaemonScripts(Optional<ScriptCommand> startup, Optional<ScriptCommand> shutdown,
                            List<AdaptIssue> issues) {

    public DaemonScripts {
        Objects.requireNonNull(startup, "startup");
        Objects.requireNonNull(shutdown, "shutdown");
        issues = List.copyOf(issues);
    }

    /** The scripts of {@code globals}, vetted against this host ({@link ScriptPolicy#forHost}). */
    public static DaemonScripts from(GlobalDefs globals) {
        return from(globals, ScriptPolicy.forHost(globals));
    }

    /** The scripts of {@code globals}; those {@code scripts} refuses are left out ({@link ScriptAudit} reports them). */
    public static DaemonScripts from(GlobalDefs globals, ScriptPolicy scripts) {
        List<AdaptIssue> issues = new ArrayList<>();
        Optional<ScriptCommand> startup = globals.startupScript()
                .flatMap(s -> ControllerPlans.script(s, scripts, "startup_script", issues));
        Optional<ScriptCommand> shutdown = globals.shutdownScript()
                .flatMap(s -> ControllerPlans.script(s, scripts, "shutdown_script", issues));
        return new DaemonScripts(startup, shutdown, issues);
    }
}
