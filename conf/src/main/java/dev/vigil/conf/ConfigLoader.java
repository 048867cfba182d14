package dev.vigil.conf;

import dev.vigil.common.diag.Diagnostics;
import dev.vigil.common.diag.SourcePosition;
import dev.vigil.conf.bind.ConfigBinder;
import dev.vigil.conf.export.ConfigExport;
import dev.vigil.conf.model.KeepalivedConfig;
import dev.vigil.conf.parse.ConfTreeReader;
import dev.vigil.conf.parse.ReadOptions;
import dev.vigil.conf.tree.ConfNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Loads a configuration file into the typed model: keepalived.conf text goes through the
 * preprocessor, the block tree and the keyword tables; a {@code .json}, {@code .yaml} or
 * {@code .yml} file is read directly into the same model (so operators can generate
 * configurations). Never throws on bad input: problems are diagnostics.
 */
public final class ConfigLoader {

    private final ReadOptions options;
    private final ConfigBinder binder = new ConfigBinder();

    public ConfigLoader(ReadOptions options) {
        this.options = options;
    }

    /**
     * Loads {@code file} with the host's defaults, replacing the config id when one is given
     * (keepalived's {@code -i}).
     */
    public static LoadedConfig load(Path file, Optional<String> configId) {
        return load(file, configId, false);
    }

    /**
     * As {@link #load(Path, Optional)}; with {@code allConfig} (keepalived's {@code -e/--all-config})
     * every include check is in force from the first line, so a missing or unreadable included
     * file stops the load.
     */
    public static LoadedConfig load(Path file, Optional<String> configId, boolean allConfig) {
        ReadOptions options = ReadOptions.defaults().withAllConfig(allConfig);
        if (configId.isPresent()) {
            options = options.withConfigId(configId.get());
        }
        return new ConfigLoader(options).load(file);
    }

    /** Loads {@code file}, choosing the format by its name. */
    public LoadedConfig load(Path file) {
        Diagnostics diagnostics = new Diagnostics();
        Optional<KeepalivedConfig> config = switch (Format.of(file)) {
            case KEEPALIVED -> {
                if (!Files.isReadable(file)) {
                    diagnostics.fatal(SourcePosition.of(file.toString(), 1, 1),
                            "cannot read the configuration file (" + whyUnreadable(file) + ")");
                    yield Optional.empty();
                }
                List<ConfNode> tree = new ConfTreeReader(options).read(file, diagnostics);
                yield Optional.of(binder.bind(tree, diagnostics));
            }
            case JSON, YAML -> readGenerated(file, diagnostics);
        };
        return new LoadedConfig(config, diagnostics.all());
    }

    /** Loads keepalived.conf text that is not in a file (tests, generated configurations). */
    public LoadedConfig loadText(String displayName, String text, Path baseDir) {
        Diagnostics diagnostics = new Diagnostics();
        List<ConfNode> tree = new ConfTreeReader(options).read(displayName, text, baseDir, diagnostics);
        KeepalivedConfig config = binder.bind(tree, diagnostics);
        return new LoadedConfig(Optional.of(config), diagnostics.all());
    }

    private static Optional<KeepalivedConfig> readGenerated(Path file, Diagnostics diagnostics) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            diagnostics.fatal(SourcePosition.of(file.toString(), 1, 1),
                    "cannot read the configuration file (" + e.getMessage() + ")");
            return Optional.empty();
        }
        return Format.of(file) == Format.JSON
                ? ConfigExport.fromJson(text, file.toString(), diagnostics)
                : ConfigExport.fromYaml(text, file.toString(), diagnostics);
    }

    private static String whyUnreadable(Path file) {
        if (!Files.exists(file)) {
            return "no such file";
        }
        return Files.isDirectory(file) ? "it is a directory" : "permission denied";
    }

    /** The formats a configuration file can have. */
    enum Format {
        KEEPALIVED, JSON, YAML;

        static Format of(Path file) {
            String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".json")) {
                return JSON;
            }
            return name.endsWith(".yaml") || name.endsWith(".yml") ? YAML : KEEPALIVED;
        }
    }
}
