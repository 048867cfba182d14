package dev.vigil.daemon.run;

import dev.vigil.common.diag.Diagnostic;
import dev.vigil.common.diag.Severity;
import dev.vigil.conf.ConfigLoader;
import dev.vigil.conf.LoadedConfig;
import dev.vigil.daemon.control.ControlResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@code vigil ctl reload} and SIGHUP do in this build: the configuration file is read and
 * validated as {@code vigil -t} does (keepalived's {@code reload_check_config}), and the answer
 * carries every diagnostic. Applying the new configuration to the running engines (keepalived's
 * diff of instances and services, reference §1.8) is not implemented yet: the answer says so
 * and always fails (exit 1), so no script mistakes it for a reload. Pure apart from reading the file.
 */
final class ReloadCheck {

    private final Path file;
    private final Optional<String> configId;

    ReloadCheck(Path file, Optional<String> configId) {
        this.file = file;
        this.configId = configId;
    }

    ControlResponse run() {
        LoadedConfig loaded = ConfigLoader.load(file, configId);
        return answer(file, loaded.diagnostics(), loaded.runnable());
    }

    static ControlResponse answer(Path file, List<Diagnostic> diagnostics, boolean runnable) {
        StringBuilder text = new StringBuilder();
        for (Diagnostic diagnostic : diagnostics) {
            text.append(diagnostic.format()).append('\n');
        }
        long errors = diagnostics.stream().filter(d -> d.severity().atLeast(Severity.ERROR)).count();
        if (!runnable) {
            text.append(file).append(": the configuration cannot run; nothing was reloaded\n");
        } else {
            text.append(file).append(": checked, ").append(errors).append(errors == 1 ? " error" : " errors")
                    .append(". Reload is not implemented yet: the running configuration is unchanged;"
                            + " restart vigil to apply the file\n");
        }
        return ControlResponse.failure(ControlResponse.EXIT_FAILURE, text.toString());
    }
}
