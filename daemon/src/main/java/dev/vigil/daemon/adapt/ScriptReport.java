package dev.vigil.daemon.adapt;

import dev.vigil.common.diag.Diagnostic;
import dev.vigil.common.diag.Diagnostics;
import dev.vigil.common.diag.Severity;
import dev.vigil.common.diag.SourcePosition;
import dev.vigil.conf.parse.ConfTreeReader;
import dev.vigil.conf.parse.ReadOptions;
import dev.vigil.conf.tree.ConfNode;
import dev.vigil.conf.tree.Word;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a {@link ScriptAudit} into compiler-style diagnostics at each script's line, the same
 * text for {@code vigil -t} and for the daemon's log at start:
 * <ul>
 *   <li>a refused script: a warning (an error when {@code enable_script_security} has no account
 *       to run scripts as, which keepalived reports as a configuration error);</li>
 *   <li>a script root runs although another user could change it, without script security: a
 *       warning;</li>
 *   <li>scripts without {@code enable_script_security}: one warning, at the first script
 *       (keepalived's "SECURITY VIOLATION").</li>
 * </ul>
 * The model keeps no positions, so each script is found again in the configuration tree by its
 * block, keyword and command, the k-th site of a kind matching the k-th line of that kind. A
 * script not found there (a JSON or YAML configuration) is reported at line 1 of the file.
 */
public final class ScriptReport {

    private ScriptReport() {
    }

    /** The diagnostics for {@code audit} of the keepalived.conf {@code file}, read again for positions. */
    public static List<Diagnostic> diagnostics(ScriptAudit audit, Path file, Optional<String> configId) {
        if (audit.refused().isEmpty() && audit.warned().isEmpty() && audit.securityViolation().isEmpty()) {
            return List.of();
        }
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        List<ConfNode> tree = List.of();
        if (!name.endsWith(".json") && !name.endsWith(".yaml") && !name.endsWith(".yml")) {
            ReadOptions options = configId.map(ReadOptions.defaults()::withConfigId).orElseGet(ReadOptions::defaults);
            tree = new ConfTreeReader(options).read(file, new Diagnostics());
        }
        return diagnostics(audit, tree, file.toString());
    }

    /** The diagnostics for {@code audit}, positioned in {@code tree} (read from {@code fileName}). */
    public static List<Diagnostic> diagnostics(ScriptAudit audit, List<ConfNode> tree, String fileName) {
        Positions positions = new Positions(tree, SourcePosition.of(fileName, 1, 1));
        List<ScriptAudit.Finding> findings = audit.findings();
        List<SourcePosition> at = findings.stream().map(f -> positions.next(f.site())).toList();
        List<Diagnostic> out = new ArrayList<>();
        audit.securityViolation().ifPresent(site -> {
            int index = 0;
            while (findings.get(index).site() != site) {
                index++;
            }
            out.add(Diagnostic.warning(at.get(index), "scripts are configured but enable_script_security is not set"
                    + " (keepalived: SECURITY VIOLATION); add enable_script_security to global_defs, and script_user"
                    + " to run scripts without root's rights"));
        });
        for (int i = 0; i < findings.size(); i++) {
            ScriptSite site = findings.get(i).site();
            String what = site.describe() + ": script '" + site.command() + "'";
            switch (findings.get(i).verdict()) {
                case ScriptVerdict.Refused refused -> out.add(new Diagnostic(
                        refused.reason() == RefusalReason.ACCOUNT && audit.scriptSecurity() ? Severity.ERROR
                                : Severity.WARNING,
                        at.get(i), what + " refused (" + refused.reason().label() + "): " + refused.detail()
                                + "; it will not run"));
                case ScriptVerdict.Allowed allowed -> {
                    int index = i;
                    allowed.warning().ifPresent(w -> out.add(Diagnostic.warning(at.get(index), what + " " + w)));
                }
            }
        }
        return out;
    }

    /** Positions of script lines in a tree, handed out in document order per (block, keyword, command). */
    private static final class Positions {
        private final Map<String, Deque<SourcePosition>> byKey = new HashMap<>();
        private final SourcePosition fallback;

        Positions(List<ConfNode> tree, SourcePosition fallback) {
            this.fallback = fallback;
            walk(tree, "");
        }

        private void walk(List<ConfNode> nodes, String block) {
            for (ConfNode node : nodes) {
                if (!node.arguments().isEmpty()) {
                    Word first = node.arguments().getFirst();
                    byKey.computeIfAbsent(key(block, node.name(), first.text()), k -> new ArrayDeque<>())
                            .add(node.position());
                }
                walk(node.children(), node.name());
            }
        }

        SourcePosition next(ScriptSite site) {
            Deque<SourcePosition> queue = byKey.get(key(site.block(), site.keyword(), site.command()));
            return queue == null || queue.isEmpty() ? fallback : queue.poll();
        }

        private static String key(String block, String keyword, String command) {
            return block + '\0' + keyword + '\0' + command;
        }
    }
}
