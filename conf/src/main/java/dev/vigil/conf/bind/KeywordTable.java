package dev.vigil.conf.bind;

import dev.vigil.conf.tree.ConfNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiFunction;

/**
 * The keywords one block accepts, in the order they were installed (keepalived's
 * {@code install_keyword} tables), plus what to do at the end of the block and with lines
 * that are not keywords. The helper methods install the common handler shapes: a string, a
 * flag, a bounded number, a number of seconds, a script, a sub-block, a block of entries.
 * Filled once when the grammar is built, read-only afterwards.
 */
final class KeywordTable {

    private final String name;
    private final Map<String, Keyword> keywords = new LinkedHashMap<>();
    private BlockEnd end = (block, context) -> { };
    private Optional<KeywordHandler> otherwise = Optional.empty();

    KeywordTable(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    Optional<Keyword> find(String word) {
        return Optional.ofNullable(keywords.get(word));
    }

    List<KeywordInfo> describe() {
        return keywords.values().stream().map(Keyword::info).toList();
    }

    BlockEnd end() {
        return end;
    }

    /** Handler for lines whose first word is not a keyword of this block (old-style sync group members). */
    Optional<KeywordHandler> otherwise() {
        return otherwise;
    }

    KeywordTable onEnd(BlockEnd handler) {
        this.end = handler;
        return this;
    }

    KeywordTable otherwise(KeywordHandler handler) {
        this.otherwise = Optional.of(handler);
        return this;
    }

    KeywordTable on(String keyword, KeywordHandler handler) {
        return install(new Keyword(keyword, Support.SUPPORTED, Optional.empty(), handler));
    }

    /** A Vigil-only keyword, bound and acted on; documented as an extension keepalived lacks. */
    KeywordTable extension(String keyword, KeywordHandler handler) {
        return install(new Keyword(keyword, Support.EXTENSION, Optional.empty(), handler));
    }

    /** A deprecated synonym: warns, then binds as {@code replacement} would. */
    KeywordTable deprecated(String keyword, String replacement, KeywordHandler handler) {
        return install(new Keyword(keyword, Support.DEPRECATED, Optional.empty(), (line, block, context) -> {
            context.warning(line.keyword(), "'" + keyword + "' is deprecated; use '" + replacement + "'");
            handler.bind(line, block, context);
        }));
    }

    /** Keywords keepalived knows that Vigil accepts without acting on them. */
    KeywordTable inert(String... names) {
        for (String keyword : names) {
            install(new Keyword(keyword, Support.NO_EFFECT, Optional.empty(),
                    (line, block, context) -> context.noEffect(name, line)));
        }
        return this;
    }

    /** A block keyword bound with its own table; the bound child state is added to the list {@code keyword}. */
    KeywordTable block(String keyword, String subTable) {
        return block(keyword, subTable, keyword);
    }

    KeywordTable block(String keyword, String subTable, String listKey) {
        return install(new Keyword(keyword, Support.SUPPORTED, Optional.of(subTable), (line, block, context) -> {
            if (context.requireBlock(line)) {
                block.add(listKey, context.bindBlock(line, subTable), line.position());
            }
        }));
    }

    /** {@code keyword WORD}: stores the first argument. */
    KeywordTable string(String keyword) {
        return on(keyword, (line, block, context) ->
                context.argument(line).ifPresent(word -> block.set(keyword, word.text(), word.position())));
    }

    /** {@code keyword [true|false|on|off|yes|no]}: a bare keyword means true. */
    KeywordTable flag(String keyword) {
        return on(keyword, (line, block, context) ->
                Values.bool(line, context).ifPresent(value -> block.set(keyword, value, line.position())));
    }

    /** A bare keyword that sets {@code key} to {@code value} (as {@code nopreempt} / {@code preempt} do). */
    KeywordTable sets(String keyword, String key, boolean value) {
        return on(keyword, (line, block, context) -> block.set(key, value, line.position()));
    }

    /** {@code keyword N} with {@code min <= N <= max}; out of range uses {@code fallback} if given, else ignores the line. */
    KeywordTable number(String keyword, long min, long max, OptionalLong fallback) {
        return on(keyword, (line, block, context) ->
                Values.number(line, context, min, max, fallback).ifPresent(n -> block.set(keyword, n, line.position())));
    }

    KeywordTable number(String keyword, long min, long max) {
        return number(keyword, min, max, OptionalLong.empty());
    }

    /** {@code keyword SECONDS} (decimal, microsecond resolution) within {@code [min, max]}; bad values are ignored. */
    KeywordTable seconds(String keyword, Duration min, Duration max) {
        return on(keyword, (line, block, context) ->
                Values.seconds(line, context, min, max).ifPresent(d -> block.set(keyword, d, line.position())));
    }

    /** {@code keyword "COMMAND ARGS" [USER [GROUP]]}: a notify-style script. */
    KeywordTable script(String keyword) {
        return on(keyword, (line, block, context) -> {
            if (block.has(keyword)) {
                context.error(line.keyword(), "'" + keyword + "' was already given; ignoring this one");
                return;
            }
            Values.script(line, context).ifPresent(s -> block.set(keyword, s, line.position()));
        });
    }

    /** A block whose lines are entries (addresses, names); each parsed entry is added to the list {@code keyword}. */
    KeywordTable entries(String keyword, BiFunction<ConfNode, BindContext, Optional<?>> entry) {
        return on(keyword, (line, block, context) -> {
            if (!context.requireBlock(line)) {
                return;
            }
            for (ConfNode child : line.children()) {
                entry.apply(child, context).ifPresent(value -> block.add(keyword, value, child.position()));
            }
        });
    }

    private KeywordTable install(Keyword keyword) {
        if (keywords.putIfAbsent(keyword.name(), keyword) != null) {
            throw new IllegalStateException("keyword " + keyword.name() + " installed twice in " + name);
        }
        return this;
    }
}
