package dev.vigil.conf.parse;

import dev.vigil.common.diag.Diagnostics;
import dev.vigil.conf.lex.Tokenizer;
import dev.vigil.conf.preprocess.IncludeCheck;
import dev.vigil.conf.preprocess.PreprocessSettings;
import dev.vigil.conf.preprocess.Preprocessor;
import dev.vigil.conf.tree.ConfNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Reads keepalived.conf text into the block tree: comments, quotes and escapes
 * ({@link dev.vigil.conf.lex}), then includes, {@code @ID} lines, {@code $NAME} parameters and
 * {@code ~SEQ}/{@code ~LST} ({@link Preprocessor}), then braces ({@link TreeBuilder}).
 *
 * <p>Never throws on bad input: every problem goes to the {@link Diagnostics} with its file,
 * line and column (and the include lines that led there), and whatever could be read is
 * returned. An unreadable main file is FATAL and gives an empty tree; an include problem is
 * FATAL only when an include check asks for it; everything else is at most ERROR.
 *
 * <p>Keywords are not checked here: a node is any line. {@code include_check} lines inside
 * {@code global_defs} are applied to the includes that follow, as keepalived applies them
 * while it reads, and stay in the tree. Reads files; a reader may be used for many reads,
 * one at a time or concurrently (each read has its own state).
 */
public final class ConfTreeReader {

    private static final String INCLUDE_CHECK = "include_check";
    private static final List<String> GLOBAL_DEFS = List.of("global_defs");

    private final ReadOptions options;

    public ConfTreeReader(ReadOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** Reads the file at {@code file} and what it includes. */
    public List<ConfNode> read(Path file, Diagnostics diagnostics) {
        Preprocessor preprocessor = new Preprocessor(settings(), diagnostics);
        if (!preprocessor.openMain(file)) {
            return List.of();
        }
        return build(preprocessor, diagnostics);
    }

    /**
     * Reads {@code text} as if it were a file named {@code displayName} in {@code baseDir}
     * (relative includes and {@code ${_PWD}} use {@code baseDir}).
     */
    public List<ConfNode> read(String displayName, String text, Path baseDir, Diagnostics diagnostics) {
        Preprocessor preprocessor = new Preprocessor(settings(), diagnostics);
        preprocessor.openText(displayName, text, baseDir);
        return build(preprocessor, diagnostics);
    }

    private PreprocessSettings settings() {
        Set<IncludeCheck> checks = options.allConfig() ? IncludeCheck.all() : Set.of();
        return new PreprocessSettings(options.configId(), options.environment(), options.randomSeed(), checks,
                options.maxIncludeDepth(), options.maxGeneratedLines());
    }

    private static List<ConfNode> build(Preprocessor preprocessor, Diagnostics diagnostics) {
        TreeBuilder tree = new TreeBuilder(diagnostics, (openBlocks, words) -> {
            if (words.getFirst().text().equals(INCLUDE_CHECK) && openBlocks.equals(GLOBAL_DEFS)) {
                preprocessor.applyIncludeCheck(words.subList(1, words.size()));
            }
        });
        for (var line = preprocessor.next(); line.isPresent(); line = preprocessor.next()) {
            tree.line(Tokenizer.tokenize(line.get(), diagnostics));
        }
        return tree.finish();
    }
}
