package dev.vigil.conf.parse;

import dev.vigil.common.diag.Diagnostic;
import dev.vigil.common.diag.Diagnostics;
import dev.vigil.common.diag.Severity;
import dev.vigil.conf.tree.ConfNode;
import dev.vigil.conf.tree.Word;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Test helper: reads text and renders trees compactly. */
public final class Reading {

    /** A read's tree and diagnostics. */
    public record Result(List<ConfNode> tree, Diagnostics diagnostics) {

        /** The tree as text: {@code kw arg arg { child; child }; next}. */
        public String render() {
            return Reading.render(tree);
        }

        /** The diagnostics at {@code severity} or worse, headline only. */
        public List<String> problems(Severity severity) {
            return diagnostics.all().stream().filter(d -> d.severity().atLeast(severity))
                    .map(Diagnostic::headline).toList();
        }

        public boolean clean() {
            return problems(Severity.WARNING).isEmpty();
        }
    }

    private Reading() {
    }

    public static Result read(String text) {
        return read(ReadOptions.of("main", Map.of()), text);
    }

    public static Result read(ReadOptions options, String text) {
        Diagnostics d = new Diagnostics();
        List<ConfNode> tree = new ConfTreeReader(options).read("test.conf", text, Path.of("/nonexistent-base"), d);
        return new Result(tree, d);
    }

    public static String render(List<ConfNode> nodes) {
        return nodes.stream().map(Reading::render).collect(Collectors.joining("; "));
    }

    private static String render(ConfNode node) {
        StringBuilder out = new StringBuilder(node.name());
        for (Word w : node.arguments()) {
            out.append(' ').append(w.text());
        }
        if (node.hasBlock()) {
            out.append(" {");
            if (!node.children().isEmpty()) {
                out.append(' ').append(render(node.children()));
            }
            out.append(" }");
        }
        return out.toString();
    }
}
