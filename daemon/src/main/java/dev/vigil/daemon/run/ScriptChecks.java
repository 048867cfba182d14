package dev.vigil.daemon.run;

import dev.vigil.common.diag.Diagnostic;
import dev.vigil.daemon.adapt.ScriptAudit;
import dev.vigil.daemon.adapt.ScriptReport;
import dev.vigil.daemon.adapt.ScriptVerdict;
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
    static ScriptRunner.RefusalListener runTimeListener(AlertMetrics metrics) {
        return (reason, command, why) -> metrics.scriptRefused(new AlertMetrics.RefusedScript(RUN_TIME_KIND, reason,
                command.display(), "unsafe_permissions"));
    }
}
