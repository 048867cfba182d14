package dev.vigil.conf;

import dev.vigil.common.diag.Diagnostic;
import dev.vigil.common.diag.Severity;
import dev.vigil.conf.model.KeepalivedConfig;
import java.util.List;
import java.util.Optional;

/**
 * What loading a configuration produced: the bound model (absent only when the file could
 * not be read or parsed at all) and every diagnostic, in the order found.
 */
public record LoadedConfig(Optional<KeepalivedConfig> config, List<Diagnostic> diagnostics) {

    public LoadedConfig {
        diagnostics = List.copyOf(diagnostics);
    }

    /** The worst severity among the diagnostics, if any. */
    public Optional<Severity> worst() {
        return diagnostics.stream().map(Diagnostic::severity).min(Enum::compareTo);
    }

    /** True when the configuration can run: a model exists and nothing FATAL was found. */
    public boolean runnable() {
        return config.isPresent() && worst().map(w -> w != Severity.FATAL).orElse(true);
    }
}
