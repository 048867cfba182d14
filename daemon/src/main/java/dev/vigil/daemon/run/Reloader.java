package dev.vigil.daemon.run;

import dev.vigil.common.diag.Diagnostic;
import dev.vigil.common.diag.Severity;
import dev.vigil.conf.ConfigLoader;
import dev.vigil.conf.LoadedConfig;
import dev.vigil.conf.model.KeepalivedConfig;
import dev.vigil.daemon.adapt.ControllerPlans;
import dev.vigil.daemon.adapt.ScriptAudit;
import dev.vigil.daemon.adapt.ScriptPolicy;
import dev.vigil.daemon.adapt.StaticEntries;
import dev.vigil.daemon.adapt.VrrpAdapter;
import dev.vigil.daemon.control.ControlResponse;
import dev.vigil.daemon.metrics.AlertMetrics;
import dev.vigil.daemon.metrics.ReloadMetrics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code vigil ctl reload} and SIGHUP do (keepalived's reload with
 * {@code reload_check_config}, reference §1.8): the file is read and validated as
 * {@code vigil -t} does; with any error the running configuration stays and the answer lists
 * the diagnostics ({@code file:line:col: error: ...}). Otherwise the new configuration is
 * adapted and {@linkplain Engines#reload applied as a diff}, and the answer says what changed
 * ({@link ReloadSummary}). {@code global_defs} are re-read as keepalived does: the daemon's
 * {@link GlobalsReload} applies them before the engines' diff (so alerts the reload itself
 * raises use the new channels), {@code lvs_timeouts} after it. Every reload is logged, counted in
 * {@code vigil_reload_total{result}} and sets {@code vigil_reload_last_success}. Reloads run
 * one at a time.
 */
final class Reloader {

    private static final Logger LOG = LoggerFactory.getLogger(Reloader.class);

    private final DaemonSettings settings;
    private final DaemonIdentity identity;
    /** The running configuration's {@code net_namespace_ipvs}, which a reload cannot change. */
    private final Optional<String> ipvsNamespace;
    private final Engines engines;
    private final ReloadMetrics metrics;
    private final AlertMetrics scriptMetrics;
    private final GlobalsReload globals;

    /** The daemon's part of a reload: the {@code global_defs} it holds outside the engines. */
    @FunctionalInterface
    interface GlobalsReload {
        /** Applies the new {@code global_defs}; returns one line per change (empty: none). */
        List<String> apply(KeepalivedConfig config, ScriptPolicy policy);
    }

    Reloader(DaemonSettings settings, DaemonIdentity identity, Optional<String> ipvsNamespace, Engines engines,
             ReloadMetrics metrics, AlertMetrics scriptMetrics, GlobalsReload globals) {
        this.settings = settings;
        this.identity = identity;
        this.ipvsNamespace = ipvsNamespace;
        this.engines = engines;
        this.metrics = metrics;
        this.scriptMetrics = scriptMetrics;
        this.globals = globals;
    }

    /** Loads, validates and applies the file; logs and answers what happened. */
    synchronized ControlResponse run() {
        Path file = settings.configFile();
        LoadedConfig loaded = ConfigLoader.load(file, settings.configId(), settings.allConfig());
        Optional<ControlResponse> refused = refusal(file, loaded.diagnostics(), loaded.runnable());
        if (refused.isPresent()) {
            return finish(refused.get());
        }
        KeepalivedConfig config = loaded.config().orElseThrow();
        Optional<ControlResponse> moved = identityRefusal(file, config);
        if (moved.isPresent()) {
            return finish(moved.get());
        }
        ScriptPolicy scriptPolicy = ScriptPolicy.forHost(config.globalDefs());
        VrrpAdapter.Result vrrp = settings.runVrrp() ? VrrpAdapter.from(config, scriptPolicy)
                : new VrrpAdapter.Result(List.of(), List.of(), List.of());
        ControllerPlans.Result plans = settings.runCheckers() ? ControllerPlans.from(config, scriptPolicy)
                : new ControllerPlans.Result(List.of(), List.of());
        // The refused-script report (log once, vigil_script_refused) describes the new file.
        ScriptChecks.report(ScriptAudit.of(config, scriptPolicy).forSubsystems(settings.runVrrp(),
                settings.runCheckers()), file, settings.configId(), scriptMetrics);
        StringBuilder text = diagnostics(loaded.diagnostics());
        vrrp.issues().forEach(issue -> text.append(issue).append('\n'));
        plans.issues().forEach(issue -> text.append(issue).append('\n'));
        List<String> changes = new ArrayList<>(globals.apply(config, scriptPolicy));
        engines.globals(config);
        if (settings.runVrrp()) {
            StaticEntries statics = StaticEntries.from(config);
            statics.issues().forEach(issue -> text.append(issue).append('\n'));
            engines.applyStatic(statics);
        }
        if (settings.runCheckers()) {
            FileCheckInit.apply(config, plans.plans(), true);
        }
        try {
            ReloadSummary summary = engines.reload(vrrp, plans.plans());
            engines.applyProxyProtocol(config);
            engines.applyLvsTimeouts(config.globalDefs().lvsTimeouts()).ifPresent(changes::add);
            return finish(ControlResponse.success(text.append(summary.text(changes)).toString(), null));
        } catch (ReloadException e) {
            return finish(ControlResponse.failure(ControlResponse.EXIT_FAILURE,
                    text.append(file).append(": ").append(e.getMessage()).append('\n').toString()));
        }
    }

    private ControlResponse finish(ControlResponse answer) {
        metrics.onReload(answer.ok());
        answer.text().lines().forEach(line -> {
            if (answer.ok()) {
                LOG.info("reload: {}", line);
            } else {
                LOG.warn("reload: {}", line);
            }
        });
        return answer;
    }

    /**
     * The answer when the file must not be applied: it cannot run, or it has errors (keepalived
     * refuses a reload whose config check fails); empty when it may be applied.
     */
    static Optional<ControlResponse> refusal(Path file, List<Diagnostic> diagnostics, boolean runnable) {
        long errors = diagnostics.stream().filter(d -> d.severity().atLeast(Severity.ERROR)).count();
        if (runnable && errors == 0) {
            return Optional.empty();
        }
        StringBuilder text = diagnostics(diagnostics);
        text.append(file).append(": ").append(runnable ? errors + (errors == 1 ? " error" : " errors")
                : "the configuration cannot run").append("; nothing was reloaded, the running configuration is"
                + " unchanged\n");
        return Optional.of(ControlResponse.failure(ControlResponse.EXIT_FAILURE, text.toString()));
    }

    /**
     * The answer when the file changes {@code net_namespace}, {@code instance} or
     * {@code net_namespace_ipvs}, as keepalived refuses it ("Cannot change IPVS network namespace
     * at a reload - please restart").
     */
    private Optional<ControlResponse> identityRefusal(Path file, KeepalivedConfig config) {
        List<String> refusals;
        try {
            refusals = new ArrayList<>(identity.reloadRefusals(DaemonIdentity.of(config.globalDefs(),
                    settings.namespace())));
        } catch (IllegalArgumentException e) {
            refusals = new ArrayList<>(List.of(e.getMessage()));
        }
        Optional<String> nextIpvs = config.globalDefs().netNamespaceIpvs();
        if (!nextIpvs.equals(ipvsNamespace)) {
            refusals.add("net_namespace_ipvs cannot change at a reload (" + describeIpvs(ipvsNamespace) + " -> "
                    + describeIpvs(nextIpvs) + "); restart Vigil to move the IPVS table");
        }
        if (refusals.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder();
        refusals.forEach(refusal -> text.append(file).append(": ").append(refusal).append('\n'));
        text.append(file).append(": nothing was reloaded, the running configuration is unchanged\n");
        return Optional.of(ControlResponse.failure(ControlResponse.EXIT_FAILURE, text.toString()));
    }

    private static String describeIpvs(Optional<String> namespace) {
        return namespace.map(n -> n.isEmpty() ? "the host's namespace" : "'" + n + "'").orElse("none");
    }

    private static StringBuilder diagnostics(List<Diagnostic> diagnostics) {
        StringBuilder text = new StringBuilder();
        diagnostics.forEach(d -> text.append(d.format()).append('\n'));
        return text;
    }
}
