package dev.vigil.conf.preprocess;

import java.util.EnumSet;
import java.util.Set;

/**
 * Which include problems are fatal instead of merely reported (keepalived's
 * {@code include_check} global keyword, the {@code includer/m/w/b/a} variants and {@code -e};
 * lib/parser.c {@code include_t}). Without any of them, as for plain {@code include}, no
 * include problem stops the configuration from running.
 */
public enum IncludeCheck {
    /** A match that is a directory, not a regular non-executable file, or unreadable. */
    READABLE,
    /** Nothing matched a pattern without wildcards (a named file is missing). */
    MATCH,
    /** Nothing matched, even with wildcards. */
    WILDCARD_MATCH,
    /** Some alternative of a {@code {a,b}} brace expression matched nothing. */
    BRACE_MATCH;

    /** Every check: {@code includea}, {@code -e}, {@code include_check} without options. */
    public static Set<IncludeCheck> all() {
        return EnumSet.allOf(IncludeCheck.class);
    }

    /** The checks an include keyword variant adds: "" (plain), "r", "m", "w", "b" or "a". */
    static Set<IncludeCheck> forVariant(String variant) {
        return switch (variant) {
            case "r" -> EnumSet.of(READABLE);
            case "m" -> EnumSet.of(READABLE, MATCH);
            case "w" -> EnumSet.of(READABLE, MATCH, WILDCARD_MATCH);
            case "b" -> EnumSet.of(READABLE, BRACE_MATCH);
            case "a" -> all();
            default -> EnumSet.noneOf(IncludeCheck.class);
        };
    }
}
