package dev.vigil.conf.preprocess;

import dev.vigil.conf.lex.PositionedText;
import java.util.Optional;
import java.util.Set;

/**
 * An {@code include PATTERN} line or one of its variants {@code includer includem includew
 * includeb includea} (keepalived's {@code is_include()} and {@code check_include()}). The
 * pattern is the rest of the line as it stands, blanks inside included, without quote
 * processing: a glob with csh-style braces, relative to the including file's directory.
 *
 * @param pattern the glob pattern
 * @param checks the include checks the variant adds
 */
record IncludeDirective(String pattern, Set<IncludeCheck> checks) {

    private static final String KEYWORD = "include";

    static Optional<IncludeDirective> parse(PositionedText line) {
        String s = line.toString();
        int k = KEYWORD.length();
        if (!s.startsWith(KEYWORD) || s.length() <= k) {
            return Optional.empty();
        }
        String variant;
        int rest;
        if (Character.isWhitespace(s.charAt(k))) {
            variant = "";
            rest = k + 1;
        } else if ("rmwba".indexOf(s.charAt(k)) >= 0 && s.length() > k + 1 && Character.isWhitespace(s.charAt(k + 1))) {
            variant = String.valueOf(s.charAt(k));
            rest = k + 2;
        } else {
            return Optional.empty();
        }
        String pattern = s.substring(rest).strip();
        return Optional.of(new IncludeDirective(pattern, IncludeCheck.forVariant(variant)));
    }
}
