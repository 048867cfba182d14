package dev.vigil.conf.preprocess;

import dev.vigil.conf.lex.PositionedText;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A {@code ~SEQ}, {@code ~SEQx} or {@code ~LST} line (keepalived.conf(5) "Sequence blocks",
 * "List blocks"): the rest of the line, {@link #body()}, is read once per assignment of
 * values to {@link #variables()}. The variables are ordinary parameters and keep their last
 * value afterwards, as in keepalived.
 */
sealed interface Repetition {

    /** The parameter names set before each copy of the body. */
    List<String> variables();

    /** One list of values (aligned with {@link #variables()}) per copy of the body, in order. */
    Iterator<List<String>> assignments();

    /** The text after the closing parenthesis, with its positions in the file. */
    PositionedText body();

    /**
     * {@code ~SEQ(var, start, step, end)}: {@code start}, {@code start + step}, ... while not
     * past {@code end}; at least one value. {@code hex} formats the values in lower-case
     * hexadecimal ({@code ~SEQx}).
     */
    record Sequence(String variable, long start, long step, long end, boolean hex, PositionedText body)
            implements Repetition {

        @Override
        public List<String> variables() {
            return List.of(variable);
        }

        @Override
        public Iterator<List<String>> assignments() {
            return new Iterator<>() {
                private long next = start;
                private boolean done;

                @Override
                public boolean hasNext() {
                    return !done;
                }

                @Override
                public List<String> next() {
                    if (done) {
                        throw new NoSuchElementException();
                    }
                    long value = next;
                    // keepalived stops once next has moved past end; overflow also ends it
                    long following = value + step;
                    boolean overflow = (step > 0 && following < value) || (step < 0 && following > value);
                    done = overflow || (step > 0 && following > end) || (step < 0 && following < end);
                    next = following;
                    return List.of(hex ? Long.toHexString(value) : Long.toString(value));
                }
            };
        }
    }

    /** {@code ~LST(var, v1, v2...)} or {@code ~LST({a, b}, {1, 2}, ...)}: one value set per copy. */
    record ValueList(List<String> variables, List<List<String>> valueSets, PositionedText body)
            implements Repetition {

        public ValueList {
            variables = List.copyOf(variables);
            valueSets = valueSets.stream().map(List::copyOf).toList();
        }

        @Override
        public Iterator<List<String>> assignments() {
            return valueSets.iterator();
        }
    }
}
