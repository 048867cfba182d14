package dev.vigil.conf.preprocess;

import dev.vigil.common.diag.Diagnostics;
import dev.vigil.common.diag.SourcePosition;
import dev.vigil.conf.lex.PositionedText;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Replaces {@code $NAME} and {@code ${NAME}} in one line, as keepalived's
 * {@code replace_param()} and {@code find_definition()} do (lib/parser.c):
 *
 * <ul>
 *   <li>{@code $NAME} counts only when followed by a blank, {@code ,}, {@code )} or the end of
 *       the line; {@code ${NAME}} may be followed by anything. Names are
 *       {@code [A-Za-z_][A-Za-z0-9_]*}. Undefined names stay as written.</li>
 *   <li>Replacement is recursive: scanning resumes at the start of the inserted text.</li>
 *   <li>A multi-line definition is used only at the end of a line: its first line takes the
 *       place of the reference and its other lines follow as lines of their own
 *       ({@link Result#followingLines()}).</li>
 *   <li>{@code ${_RANDOM MIN MAX}} and {@code ${_ENV NAME}} take arguments inside the braces.</li>
 *   <li>When an inserted value starts with {@code ~}, substitution stops for the line, so a
 *       {@code ~SEQ} held in a parameter keeps its own {@code $var}s for later.</li>
 * </ul>
 *
 * <p>Inserted characters carry the position of the {@code $} that asked for them.
 */
final class ParameterSubstitution {

    /** Beyond this many replacements in one line the definitions refer to themselves without end. */
    static final int MAX_REPLACEMENTS = 1000;
    /** keepalived stops at its 1024-byte line buffer; we allow far more but still bound runaway growth. */
    static final int MAX_LINE_LENGTH = 65536;

    /**
     * The line after substitution.
     *
     * @param followingLines the remaining lines of multi-line definitions used in the line, in
     *     the order they must be pushed back onto the input (the last list is read first)
     */
    record Result(PositionedText text, List<Following> followingLines, boolean changed) {
    }

    /** The remaining lines of a multi-line definition and the {@code $} that used it. */
    record Following(List<String> lines, SourcePosition useSite) {
    }

    private record Reference(int end, String name, List<String> args) {
    }

    private final Definitions definitions;
    private final Definitions.Context context;
    private final Diagnostics diagnostics;

    ParameterSubstitution(Definitions definitions, Definitions.Context context, Diagnostics diagnostics) {
        this.definitions = definitions;
        this.context = context;
        this.diagnostics = diagnostics;
    }

    Result substitute(PositionedText line) {
        PositionedText text = line;
        List<Following> following = new ArrayList<>();
        boolean changed = false;
        int replacements = 0;
        int cursor = 0;
        int dollar;
        while ((dollar = text.indexOf('$', cursor)) >= 0 && dollar + 1 < text.length()) {
            Optional<String> value = valueAt(text, dollar, following);
            if (value.isEmpty()) {
                cursor = dollar + 1;
                continue;
            }
            Reference ref = reference(text, dollar).orElseThrow();
            text = text.replace(dollar, ref.end(), value.get());
            changed = true;
            if (++replacements > MAX_REPLACEMENTS || text.length() > MAX_LINE_LENGTH) {
                diagnostics.error(line.start(), "parameter substitution does not end"
                        + " (a definition that refers to itself?); line left partly substituted");
                break;
            }
            if (value.get().stripLeading().startsWith("~")) {
                break;
            }
            cursor = dollar;
        }
        return new Result(text, following, changed);
    }

    /** The value to insert for the reference at {@code dollar}, if it names a usable definition. */
    private Optional<String> valueAt(PositionedText text, int dollar, List<Following> following) {
        Optional<Reference> found = reference(text, dollar);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Reference ref = found.get();
        boolean atLineEnd = ref.end() == text.length();
        Optional<Definitions.UserValue> userValue = definitions.user(ref.name());
        if (userValue.isPresent()) {
            Definitions.UserValue v = userValue.get();
            if (!ref.args().isEmpty() || (v.multiline() && !atLineEnd)) {
                return Optional.empty();
            }
            if (v.lines().size() > 1) {
                following.add(new Following(v.lines().subList(1, v.lines().size()), text.positionAt(dollar)));
            }
            return Optional.of(v.lines().isEmpty() ? "" : v.lines().getFirst());
        }
        Optional<Definitions.Builtin> builtin = definitions.builtin(ref.name());
        if (builtin.isEmpty() || !argumentsFit(builtin.get(), ref, text, dollar)) {
            return Optional.empty();
        }
        Definitions.Result result = Definitions.evaluate(builtin.get(), ref.args(), context);
        result.problems().forEach(p -> diagnostics.error(text.positionAt(dollar), p));
        return Optional.of(result.value());
    }

    private boolean argumentsFit(Definitions.Builtin b, Reference ref, PositionedText text, int dollar) {
        List<String> args = ref.args();
        if (args.isEmpty() && b.minArgs == 0) {
            return true;
        }
        if (!args.isEmpty() && b.maxArgs == 0) {
            return false;
        }
        if (b.numbersOnly && !args.stream().allMatch(a -> a.chars().allMatch(ch -> ch >= '0' && ch <= '9'))) {
            diagnostics.error(text.positionAt(dollar), "definition " + b.name + " requires numeric parameters only");
            return false;
        }
        if (args.size() < b.minArgs || args.size() > b.maxArgs) {
            diagnostics.error(text.positionAt(dollar), "definition " + b.name + " requires between " + b.minArgs
                    + " and " + b.maxArgs + " parameters, " + args.size() + " specified");
            return false;
        }
        return true;
    }

    /** The syntactic reference starting at {@code dollar}: {@code $NAME} or {@code ${NAME args}}. */
    private static Optional<Reference> reference(CharSequence s, int dollar) {
        boolean braces = s.charAt(dollar + 1) == '{';
        int nameStart = dollar + (braces ? 2 : 1);
        if (nameStart >= s.length() || !isNameStart(s.charAt(nameStart))) {
            return Optional.empty();
        }
        int nameEnd = nameStart + 1;
        while (nameEnd < s.length() && isNameChar(s.charAt(nameEnd))) {
            nameEnd++;
        }
        String name = s.subSequence(nameStart, nameEnd).toString();
        if (!braces) {
            if (nameEnd < s.length() && " \t,)".indexOf(s.charAt(nameEnd)) < 0) {
                return Optional.empty();
            }
            return Optional.of(new Reference(nameEnd, name, List.of()));
        }
        int p = nameEnd;
        while (p < s.length() && (PositionedText.isBlank(s.charAt(p)) || isNameChar(s.charAt(p)))) {
            p++;
        }
        if (p >= s.length() || s.charAt(p) != '}') {
            return Optional.empty();
        }
        String argText = s.subSequence(nameEnd, p).toString();
        List<String> args = argText.isBlank() ? List.of() : List.of(argText.strip().split("[ \t]+"));
        if (!args.isEmpty() && PositionedText.isBlank(s.charAt(p - 1))) {
            return Optional.empty();
        }
        return Optional.of(new Reference(p + 1, name, args));
    }

    static boolean isNameStart(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    }

    static boolean isNameChar(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }
}
