package dev.vigil.conf.bind;

import dev.vigil.common.diag.SourcePosition;
import dev.vigil.conf.tree.ConfNode;
import dev.vigil.conf.tree.Word;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The values one block has collected while its keywords are bound: what keepalived keeps in
 * its {@code current_vrrp}/{@code current_vs} structure before the end-of-block handler runs.
 * Keys are normally the keyword's own name. Mutable, confined to one bind.
 */
final class BlockState {

    private final String table;
    private final ConfNode node;
    private final Map<String, Object> values = new HashMap<>();
    private final Map<String, List<Object>> lists = new HashMap<>();
    private final Map<String, SourcePosition> positions = new HashMap<>();
    private final Map<String, List<SourcePosition>> listPositions = new HashMap<>();

    BlockState(String table, ConfNode node) {
        this.table = table;
        this.node = node;
    }

    /** The keyword table this block is bound with. */
    String table() {
        return table;
    }

    /** The line that opened the block. */
    ConfNode node() {
        return node;
    }

    /** The block's name: its first argument ({@code vrrp_instance VI_1}), or "" when it has none. */
    String name() {
        return node.arguments().isEmpty() ? "" : node.arguments().getFirst().text();
    }

    /** The word naming the block, for diagnostics about the block as a whole. */
    Word nameWord() {
        return node.arguments().isEmpty() ? node.keyword() : node.arguments().getFirst();
    }

    void set(String key, Object value, SourcePosition at) {
        values.put(key, value);
        positions.put(key, at);
    }

    void add(String key, Object value) {
        add(key, value, node.position());
    }

    /** Appends to the list {@code key}, remembering where the entry was written. */
    void add(String key, Object value, SourcePosition at) {
        lists.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        listPositions.computeIfAbsent(key, k -> new ArrayList<>()).add(at);
    }

    /** Where entry {@code index} of the list {@code key} was written. */
    SourcePosition where(String key, int index) {
        return listPositions.get(key).get(index);
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    <T> Optional<T> get(String key, Class<T> type) {
        return Optional.ofNullable(values.get(key)).map(type::cast);
    }

    boolean flag(String key) {
        return get(key, Boolean.class).orElse(false);
    }

    <T> List<T> list(String key, Class<T> type) {
        return lists.getOrDefault(key, List.of()).stream().map(type::cast).toList();
    }

    /** Where {@code key} was last set; the block's own position when it never was. */
    SourcePosition where(String key) {
        return positions.getOrDefault(key, node.position());
    }

    /** Copies every value (later wins) and list entry (appended) into {@code target}. */
    void copyInto(BlockState target) {
        values.forEach((key, value) -> target.set(key, value, positions.get(key)));
        lists.forEach((key, items) -> {
            for (int i = 0; i < items.size(); i++) {
                target.add(key, items.get(i), listPositions.get(key).get(i));
            }
        });
    }
}
