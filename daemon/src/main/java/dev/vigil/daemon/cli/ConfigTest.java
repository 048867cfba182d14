package dev.vigil.daemon.cli;

import dev.vigil.common.diag.Diagnostic;
import dev.vigil.common.diag.Severity;
import dev.vigil.conf.ConfigLoader;
import dev.vigil.conf.LoadedConfig;
import dev.vigil.conf.export.ConfigExport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code vigil -t}: reads and validates a configuration as keepalived's config test does,
 * prints every diagnostic compiler-style and returns keepalived's exit code (0 ok, 3 cannot
 * run, 4 errors but would run). With {@code --dump} the bound model is printed to standard
 * output as JSON or YAML.
 */
final class ConfigTest {

    private final Path file;
    private final Optional<String> configId;
    private final VigilCommand.DumpFormat dump;

    ConfigTest(Path file, String configId, VigilCommand.DumpFormat dump) {
        this.file = file;
        this.configId = Optional.ofNullable(configId);
        this.dump = dump;
    }

    /** Runs the test; {@code logFile} is keepalived's optional {@code -t=FILE} ("" = stderr). */
    int run(PrintWriter out, PrintWriter err, String logFile) {
        LoadedConfig loaded = ConfigLoader.load(file, configId);
        List<Diagnostic> diagnostics = loaded.diagnostics();
        if (logFile.isEmpty()) {
            report(diagnostics, err);
        } else if (!writeReport(diagnostics, Path.of(logFile), err)) {
            return 3;
        }
        if (dump != null && loaded.config().isPresent()) {
            out.print(dump == VigilCommand.DumpFormat.json
                    ? ConfigExport.toJson(loaded.config().get())
                    : ConfigExport.toYaml(loaded.config().get()));
            out.flush();
        }
        return exitCode(diagnostics);
    }

    /** keepalived's config-test exit code for the worst diagnostic. */
    static int exitCode(List<Diagnostic> diagnostics) {
        Severity worst = diagnostics.stream().map(Diagnostic::severity).min(Enum::compareTo).orElse(Severity.NOTE);
        return switch (worst) {
            case FATAL -> 3;
            case ERROR -> 4;
            case WARNING, NOTE -> 0;
        };
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
