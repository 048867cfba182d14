package dev.vigil.daemon.cli;

import dev.vigil.common.diag.Diagnostic;
import dev.vigil.common.diag.Severity;
import dev.vigil.conf.ConfigLoader;
import dev.vigil.conf.LoadedConfig;
import dev.vigil.conf.export.ConfigExport;
import dev.vigil.daemon.adapt.ScriptAudit;
import dev.vigil.daemon.adapt.ScriptPolicy;
import dev.vigil.daemon.adapt.ScriptReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code vigil -t}: reads and validates a configuration as keepalived's config test does, then
 * checks every script it would run ({@link ScriptAudit}: refused scripts, scripts root runs that
 * others could change, scripts without {@code enable_script_security}), prints every diagnostic
 * compiler-style and returns keepalived's exit code as its manual gives them: 0 ok, 3 cannot
 * run, 4 errors but would run, 5 scripts are configured without {@code enable_script_security}.
 * As keepalived does, 5 wins over 4 (keepalived keeps the last kind of problem in its list, and
 * script security comes last); unlike keepalived, 3 wins over 5, so a configuration that cannot
 * run always says so. With {@code --dump} the bound model is printed to standard output as JSON
 * or YAML.
 */
final class ConfigTest {

    /** The configuration cannot run. */
    static final int EXIT_CANNOT_RUN = 3;
    /** The configuration has errors, but would run. */
    static final int EXIT_ERRORS = 4;
    /** Scripts are configured, but {@code enable_script_security} is not set. */
    static final int EXIT_SCRIPT_SECURITY = 5;

    private final Path file;
    private final Optional<String> configId;
    private final VigilCommand.DumpFormat dump;
    private final boolean allConfig;

    ConfigTest(Path file, String configId, VigilCommand.DumpFormat dump, boolean allConfig) {
        this.file = file;
        this.configId = Optional.ofNullable(configId);
        this.dump = dump;
        this.allConfig = allConfig;
    }

    /** Runs the test; {@code logFile} is keepalived's optional {@code -t=FILE} ("" = stderr). */
    int run(PrintWriter out, PrintWriter err, String logFile) {
        LoadedConfig loaded = ConfigLoader.load(file, configId, allConfig);
        List<Diagnostic> diagnostics = new ArrayList<>(loaded.diagnostics());
        boolean securityViolation = false;
        if (loaded.config().isPresent()) {
            ScriptAudit audit = ScriptAudit.of(loaded.config().get(), ScriptPolicy.forHost(loaded.config().get().globalDefs()));
            diagnostics.addAll(ScriptReport.diagnostics(audit, file, configId));
            securityViolation = audit.securityViolation().isPresent();
        }
        if (logFile.isEmpty()) {
            report(diagnostics, err);
        } else if (!writeReport(diagnostics, Path.of(logFile), err)) {
            return EXIT_CANNOT_RUN;
        }
        if (dump != null && loaded.config().isPresent()) {
            out.print(dump == VigilCommand.DumpFormat.json
                    ? ConfigExport.toJson(loaded.config().get())
                    : ConfigExport.toYaml(loaded.config().get()));
            out.flush();
        }
        return exitCode(diagnostics, securityViolation);
    }

    /**
     * keepalived's config-test exit code: 3 when something is FATAL, else 5 when scripts are
     * configured without {@code enable_script_security}, else 4 for errors, else 0.
     */
    static int exitCode(List<Diagnostic> diagnostics, boolean scriptSecurityViolation) {
        Severity worst = diagnostics.stream().map(Diagnostic::severity).min(Enum::compareTo).orElse(Severity.NOTE);
        if (worst == Severity.FATAL) {
            return EXIT_CANNOT_RUN;
        }
        if (scriptSecurityViolation) {
            return EXIT_SCRIPT_SECURITY;
        }
        return worst == Severity.ERROR ? EXIT_ERRORS : 0;
    }

    private static void report(List<Diagnostic> diagnostics, PrintWriter err) {
        for (Diagnostic diagnostic : diagnostics) {
            err.println(diagnostic.format());
        }
        long errors = diagnostics.stream().filter(d -> d.severity().atLeast(Severity.ERROR)).count();
        long warnings = diagnostics.stream().filter(d -> d.severity() == Severity.WARNING).count();
        if (errors + warnings > 0) {
            err.println(errors + (errors == 1 ? " error, " : " errors, ")
                    + warnings + (warnings == 1 ? " warning" : " warnings"));
        }
        err.flush();
    }

    private static boolean writeReport(List<Diagnostic> diagnostics, Path logFile, PrintWriter err) {
        StringBuilder text = new StringBuilder();
        for (Diagnostic diagnostic : diagnostics) {
            text.append(diagnostic.format()).append(System.lineSeparator());
        }
        try {
            Files.writeString(logFile, text, StandardCharsets.UTF_8);
            return true;
        } catch (IOException e) {
            err.println("vigil: cannot write the config-test log " + logFile + ": " + e.getMessage());
            return false;
        }
    }
}
