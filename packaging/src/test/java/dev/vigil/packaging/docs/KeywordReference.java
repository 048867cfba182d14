package dev.vigil.packaging.docs;

import dev.vigil.conf.bind.ConfigBinder;
import dev.vigil.conf.bind.KeywordInfo;
import dev.vigil.conf.bind.Support;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the conf module's keyword tables ({@link ConfigBinder#keywordTables()}) as the
 * Markdown keyword reference of docs/MIGRATION.md: one heading per block, then its keywords
 * by {@link Support} level, in the tables' own order. Blocks whose tables are identical (the
 * {@code url} blocks of HTTP_GET and SSL_GET, say) share one heading. Pure: the same tables
 * always give the same text.
 */
public final class KeywordReference {

    /** Keyword lists are wrapped at this width so the generated text diffs line by line. */
    private static final int WIDTH = 100;

    private final Map<String, List<KeywordInfo>> tables;

    public KeywordReference(Map<String, List<KeywordInfo>> tables) {
        this.tables = tables;
    }

    /** The reference for the grammar Vigil ships. */
    public static KeywordReference current() {
        return new KeywordReference(new ConfigBinder().keywordTables());
    }

    /** The Markdown text, ending with a newline. */
    public String markdown() {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<List<KeywordInfo>, List<String>> group : groupIdenticalTables().entrySet()) {
            out.append("\n#### ").append(String.join(", ", group.getValue().stream().map(KeywordReference::title)
                    .toList())).append("\n");
            for (Support support : Support.values()) {
                List<String> words = group.getKey().stream().filter(k -> k.support() == support)
                        .map(KeywordReference::word).toList();
                if (!words.isEmpty()) {
                    out.append('\n').append(wrap(label(support) + " (" + words.size() + "): "
                            + String.join(", ", words))).append('\n');
                }
            }
        }
        return out.toString();
    }

    private Map<List<KeywordInfo>, List<String>> groupIdenticalTables() {
        Map<List<KeywordInfo>, List<String>> groups = new LinkedHashMap<>();
        tables.forEach((name, keywords) -> groups.computeIfAbsent(keywords, k -> new ArrayList<>()).add(name));
        return groups;
    }

    /** {@code root} is the top level; {@code HTTP_GET.url} is the url block inside HTTP_GET. */
    static String title(String table) {
        if (table.equals("root")) {
            return "top level";
        }
        int dot = table.indexOf('.');
        if (dot < 0) {
            return "`" + table + "`";
        }
        return "`" + table.substring(dot + 1) + "` in `" + table.substring(0, dot) + "`";
    }

    private static String word(KeywordInfo keyword) {
        return "`" + keyword.keyword() + (keyword.subBlock().isPresent() ? " {…}" : "") + "`";
    }

    static String label(Support support) {
        return switch (support) {
            case SUPPORTED -> "Read";
            case NO_EFFECT -> "Accepted without effect";
            case DEPRECATED -> "Deprecated, read with a warning";
            case EXTENSION -> "Vigil extensions (keepalived does not know them)";
        };
    }

    /**
     * Breaks {@code text} at the spaces that follow a comma, so that no line is longer than
     * {@link #WIDTH} unless one list item is, and no item ({@code `url {…}`}) is split.
     */
    static String wrap(String text) {
        StringBuilder out = new StringBuilder();
        int lineStart = 0;
        for (String piece : text.split("(?<=,) ")) {
            int lineLength = out.length() - lineStart;
            if (lineLength > 0 && lineLength + 1 + piece.length() > WIDTH) {
                out.append('\n');
                lineStart = out.length();
            } else if (lineLength > 0) {
                out.append(' ');
            }
            out.append(piece);
        }
        return out.toString();
    }
}
