package dev.vigil.conf.preprocess;

import dev.vigil.conf.lex.PositionedText;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Parses {@code ~SEQ(...)}, {@code ~SEQx(...)} and {@code ~LST(...)} lines with the rules of
 * keepalived's {@code add_seq()} and {@code add_lst()} (lib/parser.c):
 *
 * <ul>
 *   <li>{@code ~SEQ(var, end)}, {@code ~SEQ(var, start, end)}, {@code ~SEQ(var, start, step, end)}.
 *       With only {@code end}: start is 1 (-1 when end is negative) and step is 1 (-1 when end
 *       is below 1). With start and end: step is 1 or -1 toward end. A zero step or one that
 *       moves away from end is an error; {@code ~SEQx} rejects negative values. Numbers are
 *       read like C's {@code strtol(..., 0)}: {@code 0x} hex, leading {@code 0} octal. The
 *       numbers may be parameters ({@code $N}, {@code ${N}}), substituted first.</li>
 *   <li>{@code ~LST(var, v1, v2...)} or {@code ~LST({a, b}, {1, 2}, {3}...)}: missing values in a
 *       set are empty, extra ones an error. Values may not hold blanks, commas, braces or
 *       parentheses.</li>
 * </ul>
 */
final class RepetitionParser {

    /** A parse failure: what is wrong and at which character of the line. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        final int index;

        Failure(String message, int index) {
            super(message, null, false, false);
            this.index = index;
        }
    }

    private final PositionedText line;
    private int p;

    private RepetitionParser(PositionedText line, int start) {
        this.line = line;
        this.p = start;
    }

    /** True when the line is a sequence or list line. */
    static boolean isRepetition(CharSequence line) {
        String s = line.toString();
        return s.startsWith("~SEQ") || s.startsWith("~LST");
    }

    /**
     * Parses the line. {@code substitute} replaces parameters in the numbers of a {@code ~SEQ}.
     *
     * @throws Failure when the line is malformed
     */
    static Repetition parse(PositionedText line, Function<PositionedText, String> substitute) throws Failure {
        if (line.startsWith("~SEQ")) {
            boolean hex = line.length() > 4 && line.charAt(4) == 'x';
            return new RepetitionParser(line, hex ? 5 : 4).sequence(hex, substitute);
        }
        return new RepetitionParser(line, 4).list();
    }

    private Repetition sequence(boolean hex, Function<PositionedText, String> substitute) throws Failure {
        skipBlanks();
        expect('(');
        skipBlanks();
        int varStart = p;
        while (p < line.length() && " \t,)".indexOf(line.charAt(p)) < 0) {
            p++;
        }
        String var = line.subSequence(varStart, p).toString();
        skipBlanks();
        if (var.isEmpty() || var.startsWith("{") || p >= line.length() || line.charAt(p) != ',') {
            throw new Failure("invalid ~SEQ definition", varStart);
        }
        p++;
        int close = line.indexOf(')', p);
        if (close < 0) {
            throw new Failure("~SEQ missing terminating ')'", line.length());
        }
        String numbers = substitute.apply(line.subSequence(p, close + 1));
        int argsAt = p;
        long[] values = numbers(numbers, argsAt);
        long start;
        long step;
        long end;
        if (values.length == 1) {
            end = values[0];
            step = end < 1 ? -1 : 1;
            start = end < 0 ? -1 : 1;
        } else if (values.length == 2) {
            start = values[0];
            end = values[1];
            step = start <= end ? 1 : -1;
        } else {
            start = values[0];
            step = values[1];
            end = values[2];
            if (step == 0 || (start < end && step < 0) || (start > end && step > 0)) {
                throw new Failure("invalid ~SEQ values", argsAt);
            }
        }
        if (hex && (start < 0 || end < 0)) {
            throw new Failure("~SEQx is only valid for positive numbers", argsAt);
        }
        p = close + 1;
        return new Repetition.Sequence(var, start, step, end, hex, body());
    }

    /** One to three comma-separated numbers, the text ending with ')'. */
    private static long[] numbers(String text, int reportAt) throws Failure {
        List<Long> out = new ArrayList<>();
        int i = 0;
        while (true) {
            CNumber n = CNumber.strtol(text, i);
            out.add(n.value());
            i = n.end();
            while (i < text.length() && PositionedText.isBlank(text.charAt(i))) {
                i++;
            }
            if (i < text.length() && text.charAt(i) == ')') {
                break;
            }
            if (out.size() == 3 || i >= text.length() || text.charAt(i) != ',') {
                throw new Failure("invalid ~SEQ definition", reportAt);
            }
            i++;
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    private Repetition list() throws Failure {
        skipBlanks();
        expect('(');
        skipBlanks();
        List<String> vars = group("~LST variable");
        if (vars.stream().anyMatch(String::isEmpty)) {
            throw new Failure("invalid ~LST variable name", p);
        }
        expect(',');
        skipBlanks();
        List<List<String>> sets = new ArrayList<>();
        while (true) {
            int setAt = p;
            List<String> values = new ArrayList<>(group("~LST value"));
            if (values.size() > vars.size()) {
                throw new Failure("~LST specification has too many values", setAt);
            }
            while (values.size() < vars.size()) {
                values.add("");
            }
            sets.add(values);
            if (p < line.length() && line.charAt(p) == ')') {
                p++;
                break;
            }
            expect(',');
            skipBlanks();
        }
        return new Repetition.ValueList(vars, sets, body());
    }

    /** {@code name} or {@code {name, name...}}; leaves p after the group and the blanks after it. */
    private List<String> group(String what) throws Failure {
        boolean braced = p < line.length() && line.charAt(p) == '{';
        if (braced) {
            p++;
            skipBlanks();
        }
        List<String> items = new ArrayList<>();
        while (true) {
            int start = p;
            while (p < line.length() && " \t,{}()".indexOf(line.charAt(p)) < 0) {
                p++;
            }
            items.add(line.subSequence(start, p).toString());
            skipBlanks();
            if (!braced) {
                return items;
            }
            if (p < line.length() && line.charAt(p) == '}') {
                p++;
                skipBlanks();
                return items;
            }
            if (p >= line.length() || line.charAt(p) != ',') {
                throw new Failure("invalid " + what + " group", p);
            }
            p++;
            skipBlanks();
        }
    }

    private PositionedText body() {
        skipBlanks();
        return line.from(p);
    }

    private void expect(char c) throws Failure {
        if (p >= line.length() || line.charAt(p) != c) {
            throw new Failure("expected '" + c + "'", Math.min(p, line.length()));
        }
        p++;
    }

    private void skipBlanks() {
        while (p < line.length() && PositionedText.isBlank(line.charAt(p))) {
            p++;
        }
    }
}
