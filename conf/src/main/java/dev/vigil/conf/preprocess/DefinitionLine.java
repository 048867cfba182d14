package dev.vigil.conf.preprocess;

import dev.vigil.conf.lex.PositionedText;
import dev.vigil.conf.lex.RawLine;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code $NAME=value} line (keepalived's {@code check_definition()} and the multi-line
 * handling of {@code read_line()}): the name follows {@code $} directly and {@code =} follows
 * the name directly; blanks after {@code =} are skipped; the value may be empty. When the line
 * ends with {@code \}, the following lines belong to the value, one value line each, up to and
 * including the first line without {@code \}, or up to an empty line. Lines holding only
 * {@code \} add nothing.
 */
final class DefinitionLine {

    private DefinitionLine() {
    }

    static boolean isDefinition(CharSequence body) {
        if (body.length() < 3 || body.charAt(0) != '$' || !ParameterSubstitution.isNameStart(body.charAt(1))) {
            return false;
        }
        int i = 2;
        while (i < body.length() && ParameterSubstitution.isNameChar(body.charAt(i))) {
            i++;
        }
        return i < body.length() && body.charAt(i) == '=';
    }

    /**
     * Reads the definition, taking its continuation lines from {@code from}; stores it in
     * {@code definitions} unless that is null (a definition dropped by its {@code @ID}, whose
     * lines are consumed all the same).
     */
    static void read(PositionedText body, boolean continued, LineSources.Source from, Definitions definitions) {
        int equals = body.indexOf('=', 0);
        String name = body.subSequence(1, equals).toString();
        String value = body.from(equals + 1).stripBlanks().toString();
        if (!continued) {
            if (definitions != null) {
                definitions.define(name, List.of(value), false);
            }
            return;
        }
        List<String> lines = new ArrayList<>();
        if (!value.isEmpty()) {
            lines.add(value);
        }
        RawLine next;
        while ((next = from.next()) != null && !next.empty()) {
            String text = next.text().toString();
            if (!text.isEmpty()) {
                lines.add(text);
            }
            if (!next.continued()) {
                break;
            }
        }
        if (definitions != null) {
            definitions.define(name, lines, !lines.isEmpty());
        }
    }
}
