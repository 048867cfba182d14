package dev.vigil.conf.bind;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every keyword table, by block name ({@code root}, {@code global_defs}, {@code vrrp_instance},
 * {@code real_server}, {@code HTTP_GET.url}, ...). Built once by {@link #keepalived()} and
 * read-only afterwards, so one grammar can serve any number of binds.
 */
final class Grammar {

    static final String ROOT = "root";

    private final Map<String, KeywordTable> tables = new LinkedHashMap<>();

    /** keepalived's grammar: global, VRRP and checker keywords. */
    static Grammar keepalived() {
        Grammar grammar = new Grammar();
        GlobalKeywords.install(grammar);
        VrrpKeywords.install(grammar);
        VirtualServerKeywords.install(grammar);
        CheckerKeywords.install(grammar);
        return grammar;
    }

    /** The table for {@code name}, created empty on first use. */
    KeywordTable table(String name) {
        return tables.computeIfAbsent(name, KeywordTable::new);
    }

    KeywordTable require(String name) {
        KeywordTable table = tables.get(name);
        if (table == null) {
            throw new IllegalStateException("no keyword table " + name);
        }
        return table;
    }

    Map<String, List<KeywordInfo>> describe() {
        Map<String, List<KeywordInfo>> out = new LinkedHashMap<>();
        tables.forEach((name, table) -> out.put(name, table.describe()));
        return Collections.unmodifiableMap(out);
    }
}
