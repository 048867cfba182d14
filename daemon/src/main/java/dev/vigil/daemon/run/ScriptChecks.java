package dev.vigil.daemon.run;

import dev.vigil.common.diag.Diagnostic;
import dev.vigil.daemon.adapt.ScriptAudit;
import dev.vigil.daemon.adapt.ScriptReport;
import dev.vigil.daemon.adapt.ScriptVerdict;
import dev.vigil.daemon.controller.ScriptOutcome;
import dev.vigil.daemon.controller.ScriptRunner;
import dev.vigil.daemon.metrics.AlertMetrics;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes refused scripts loud at start: each {@link ScriptAudit} finding is logged once, as
 * {@code vigil -t} prints it ({@code keepalived.conf:12:5: warning: notify_master of (VI_1): …}),
 * and every refused script becomes a {@code vigil_script_refused} series. Scripts refused later,
 * at run time, are added through {@link #runTimeListener}.
 */
final class ScriptChecks {

    private static final Logger LOG = LoggerFactory.getLogger(ScriptChecks.class);
    /** The kind label of scripts refused at run time (their keyword is not known there). */
    static final String RUN_TIME_KIND = "run_time";
    /** The kind of every script the daemon's runner starts (notify, quorum, startup, shutdown). */
    static final String NOTIFY_KIND = "notify";

    private ScriptChecks() {
    }

    /** Logs {@code audit} of {@code file} (positions read from it) and publishes its refusals. */
    static void report(ScriptAudit audit, Path file, Optional<String> configId, AlertMetrics metrics) {
        List<Diagnostic> diagnostics = ScriptReport.diagnostics(audit, file, configId);
        diagnostics.forEach(d -> LOG.warn("{}", d.format()));
        metrics.scriptsRefused(audit.refused().stream()
                .map(f -> new AlertMetrics.RefusedScript(f.site().keyword(), f.site().subject(), f.site().command(),
                        ((ScriptVerdict.Refused) f.verdict()).reason().label()))
                .toList());
    }

    /** Adds scripts the runner refuses at run time to the metrics (the runner logs them once). */
    /**
     * Feeds {@code vigil_script_runs_total} and {@code vigil_script_timeouts_total} with every
     * script the daemon's runner ends (notify scripts of every kind, startup and shutdown
     * scripts; kind {@value #NOTIFY_KIND}). A refused or unstartable script is not a run.
     */
    static ScriptRunner.OutcomeListener outcomeListener(AlertMetrics metrics) {
        return outcome -> {
            switch (outcome) {
                case ScriptOutcome.Exited exited -> metrics.onScriptRun(NOTIFY_KIND);
                case ScriptOutcome.TimedOut timedOut -> {
                    metrics.onScriptRun(NOTIFY_KIND);
                    metrics.onScriptTimeout(NOTIFY_KIND);
                }
                case ScriptOutcome.Refused refused -> { }
                case ScriptOutcome.NotStarted notStarted -> { }
            }
        };
    }

    static ScriptRunner.RefusalListener runTimeListener(AlertMetrics metrics) {
        return (reason, command, why) -> metrics.scriptRefused(new AlertMetrics.RefusedScript(RUN_TIME_KIND, reason,
                command.display(), "unsafe_permissions"));
    }
}
