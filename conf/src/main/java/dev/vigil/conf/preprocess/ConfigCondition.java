package dev.vigil.conf.preprocess;

import dev.vigil.conf.lex.PositionedText;
import java.util.Optional;

/**
 * The {@code @ID} / {@code @^ID} prefix of a conditional line (keepalived.conf(5)
 * "Conditional configuration and configuration id"; {@code read_line()} in lib/parser.c).
 * {@code @ID rest} keeps {@code rest} only when ID equals the config id; {@code @^ID rest}
 * only when it does not. A line with nothing after the id is dropped either way, as in
 * keepalived. With no config id at all, {@code @ID} never matches and {@code @^ID} always does.
 *
 * @param id the id after {@code @} or {@code @^}
 * @param negated {@code @^}
 * @param rest the line after the id and the blanks that follow it
 */
record ConfigCondition(String id, boolean negated, Optional<PositionedText> rest) {

    /** The condition at the start of {@code line}, if the line starts with {@code @}. */
    static Optional<ConfigCondition> parse(PositionedText line) {
        if (!line.startsWith("@")) {
            return Optional.empty();
        }
        boolean negated = line.length() > 1 && line.charAt(1) == '^';
        int idStart = negated ? 2 : 1;
        int idEnd = idStart;
        while (idEnd < line.length() && !PositionedText.isBlank(line.charAt(idEnd))) {
            idEnd++;
        }
        String id = line.subSequence(idStart, idEnd).toString();
        if (idEnd == line.length()) {
            return Optional.of(new ConfigCondition(id, negated, Optional.empty()));
        }
        return Optional.of(new ConfigCondition(id, negated, Optional.of(line.from(idEnd).stripBlanks())));
    }

    /** The rest of the line when the condition holds for {@code configId} (empty: no id). */
    Optional<PositionedText> apply(String configId) {
        boolean matches = !configId.isEmpty() && configId.equals(id);
        return matches != negated ? rest : Optional.empty();
    }
}
