package dev.vigil.conf.bind;

import dev.vigil.common.diag.Diagnostics;
import dev.vigil.common.diag.SourcePosition;
import dev.vigil.conf.model.InertKeyword;
import dev.vigil.conf.tree.ConfNode;
import dev.vigil.conf.tree.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What every handler gets instead of globals: the grammar, the diagnostics collector, and the
 * list of accepted-without-effect keywords. {@link #bindBlock} walks one block's lines through
 * its keyword table. One context per bind; not thread-safe.
 */
final class BindContext {

    private final Grammar grammar;
    private final Diagnostics diagnostics;
    private final List<InertKeyword> noEffect = new ArrayList<>();

    BindContext(Grammar grammar, Diagnostics diagnostics) {
        this.grammar = grammar;
        this.diagnostics = diagnostics;
    }

    /** Binds the children of {@code line} with table {@code tableName} and runs its end handler. */
    BlockState bindBlock(ConfNode line, String tableName) {
        KeywordTable table = grammar.require(tableName);
        BlockState state = new BlockState(tableName, line);
        bindLines(line.children(), table, state);
        table.end().end(state, this);
        return state;
    }

    /** Binds {@code lines} into {@code state} with {@code table}, without running the end handler. */
    void bindLines(List<ConfNode> lines, KeywordTable table, BlockState state) {
        for (ConfNode child : lines) {
            Optional<Keyword> keyword = table.find(child.name());
            if (keyword.isPresent()) {
                keyword.get().handler().bind(child, state, this);
            } else if (table.otherwise().isPresent()) {
                table.otherwise().get().bind(child, state, this);
            } else {
                warning(child.keyword(), "unknown keyword '" + child.name() + "'");
            }
        }
    }

    /** False (after an error) when {@code line} has no {@code { }} block. */
    boolean requireBlock(ConfNode line) {
        if (!line.hasBlock()) {
            error(line.keyword(), "'" + line.name() + "' needs a { } block; ignoring it");
            return false;
        }
        return true;
    }

    /** The first argument, or empty after an error saying the keyword needs a value. */
    Optional<Word> argument(ConfNode line) {
        if (line.arguments().isEmpty()) {
            error(line.keyword(), "'" + line.name() + "' needs a value; ignoring it");
            return Optional.empty();
        }
        return Optional.of(line.arguments().getFirst());
    }

    void noEffect(String block, ConfNode line) {
        noEffect.add(new InertKeyword(block, line.name(), line.position().toString()));
        note(line.keyword(), "'" + line.name() + "' accepted, no effect in Vigil");
    }

    List<InertKeyword> noEffectKeywords() {
        return List.copyOf(noEffect);
    }

    void fatal(Word at, String message) {
        diagnostics.fatal(at.position(), message);
    }

    void fatal(SourcePosition at, String message) {
        diagnostics.fatal(at, message);
    }

    void error(Word at, String message) {
        diagnostics.error(at.position(), message);
    }

    void error(SourcePosition at, String message) {
        diagnostics.error(at, message);
    }

    void warning(Word at, String message) {
        diagnostics.warning(at.position(), message);
    }

    void warning(SourcePosition at, String message) {
        diagnostics.warning(at, message);
    }

    void note(Word at, String message) {
        diagnostics.note(at.position(), message);
    }
}
