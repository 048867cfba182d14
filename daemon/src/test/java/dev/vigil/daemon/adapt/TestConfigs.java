package dev.vigil.daemon.adapt;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.common.diag.Severity;
import dev.vigil.conf.ConfigLoader;
import dev.vigil.conf.LoadedConfig;
import dev.vigil.conf.model.KeepalivedConfig;
import dev.vigil.conf.parse.ReadOptions;
import dev.vigil.daemon.controller.ScriptFile;
import java.nio.file.Path;

/** Loads keepalived.conf text for tests, failing on any error or warning. */
public final class TestConfigs {

    private TestConfigs() {
    }

    public static KeepalivedConfig load(String text) {
        LoadedConfig loaded = new ConfigLoader(ReadOptions.defaults()).loadText("test.conf", text, Path.of("."));
        assertTrue(loaded.runnable(), () -> "not runnable: " + loaded.diagnostics());
        assertTrue(loaded.diagnostics().stream().noneMatch(d -> d.severity().compareTo(Severity.WARNING) <= 0),
                () -> "diagnostics: " + loaded.diagnostics());
        return loaded.config().orElseThrow();
    }

    /** Loads and adapts, as user root, every script taken as a safe, root-owned executable. */
    public static ControllerPlans.Result plans(String text) {
        KeepalivedConfig config = load(text);
        return ControllerPlans.from(config, trusting(config, "root"));
    }

    /**
     * {@code config}'s script rules for a daemon running as {@code user} on a host where every
     * account but keepalived_script exists, and every program exists and only root can change it.
     */
    public static ScriptPolicy trusting(KeepalivedConfig config, String user) {
        return new ScriptPolicy(config.globalDefs().scriptUser(), config.globalDefs().enableScriptSecurity(), user,
                name -> !name.equals(ScriptPolicy.DEFAULT_ACCOUNT), program -> ScriptFile.Found.safe(Path.of(program)));
    }
}
