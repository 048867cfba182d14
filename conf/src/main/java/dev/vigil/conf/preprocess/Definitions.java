package dev.vigil.conf.preprocess;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code $NAME=value} parameters defined so far in one read, plus keepalived's
 * predefined ones ({@code _PWD _INSTANCE _RANDOM _ENV _HASH _BANG}, keepalived.conf(5)
 * "Pre-defined definitions"). A user definition of a predefined name replaces it, as in
 * keepalived's {@code set_definition()}.
 *
 * <p>Values are stored as written and substituted only when used (lazy), so a value may
 * name parameters that are defined later. Not thread-safe: one read owns one instance.
 */
final class Definitions {

    /** keepalived's default {@code _RANDOM} range is [0, 32767] (the C {@code RAND_MAX} minimum). */
    static final long RANDOM_DEFAULT_MAX = 32767;

    /** A user definition: one line, or several for a multi-line ({@code \}-continued) one. */
    record UserValue(List<String> lines, boolean multiline) {
        UserValue {
            lines = List.copyOf(lines);
        }
    }

    /** A predefined parameter computed at each use, with how many arguments it takes. */
    enum Builtin {
        PWD("_PWD", 0, 0, false),
        INSTANCE("_INSTANCE", 0, 0, false),
        RANDOM("_RANDOM", 0, 2, true),
        ENV("_ENV", 1, 1, false),
        HASH("_HASH", 0, 0, false),
        BANG("_BANG", 0, 0, false);

        final String name;
        final int minArgs;
        final int maxArgs;
        final boolean numbersOnly;

        Builtin(String name, int minArgs, int maxArgs, boolean numbersOnly) {
            this.name = name;
            this.minArgs = minArgs;
            this.maxArgs = maxArgs;
            this.numbersOnly = numbersOnly;
        }
    }

    /** What the predefined parameters need from the read in progress. */
    interface Context {
        /** The directory of the file being read ({@code ${_PWD}}). */
        String currentDirectory();

        /** The config id ({@code ${_INSTANCE}}). */
        String configId();

        /** The value of an environment variable ({@code ${_ENV NAME}}). */
        Optional<String> environment(String name);

        /** A random number in {@code [min, max]} ({@code ${_RANDOM MIN MAX}}). */
        long random(long min, long max);
    }

    private final Map<String, UserValue> user = new HashMap<>();
    private final Map<String, Builtin> builtins = new HashMap<>();

    Definitions() {
        for (Builtin b : Builtin.values()) {
            builtins.put(b.name, b);
        }
    }

    /** Defines (or redefines) {@code name}; a predefined parameter of that name is replaced. */
    void define(String name, List<String> lines, boolean multiline) {
        builtins.remove(name);
        user.put(name, new UserValue(lines, multiline));
    }

    /** Defines a one-line value (sequence and list variables). */
    void define(String name, String value) {
        define(name, List.of(value), false);
    }

    Optional<UserValue> user(String name) {
        return Optional.ofNullable(user.get(name));
    }

    Optional<Builtin> builtin(String name) {
        return Optional.ofNullable(builtins.get(name));
    }

    /** The value of a predefined parameter, or an error message when its arguments are bad. */
    static Result evaluate(Builtin builtin, List<String> args, Context context) {
        return switch (builtin) {
            case PWD -> Result.ok(context.currentDirectory());
            case INSTANCE -> Result.ok(context.configId());
            case HASH -> Result.ok("#");
            case BANG -> Result.ok("!");
            case ENV -> Result.ok(context.environment(args.getFirst()).orElse(""));
            case RANDOM -> random(args, context);
        };
    }

    private static Result random(List<String> args, Context context) {
        long min = args.isEmpty() ? 0 : parseSaturated(args.get(0));
        long max = args.size() < 2 ? RANDOM_DEFAULT_MAX : parseSaturated(args.get(1));
        List<String> warnings = new ArrayList<>();
        if (min > max) {
            // keepalived: "${_RANDOM}: min %lu exceeds max %lu, using %lu"
            warnings.add("${_RANDOM}: min " + min + " exceeds max " + max + ", using " + min);
            max = min;
        }
        return new Result(Long.toString(context.random(min, max)), warnings);
    }

    /** Decimal digits as a number, stopping at {@link Long#MAX_VALUE} as C's strtoul stops at its maximum. */
    private static long parseSaturated(String digits) {
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(i) - '0';
            if (value > (Long.MAX_VALUE - d) / 10) {
                return Long.MAX_VALUE;
            }
            value = value * 10 + d;
        }
        return value;
    }

    /** A computed value and any problems noticed while computing it. */
    record Result(String value, List<String> problems) {
        static Result ok(String value) {
            return new Result(value, List.of());
        }
    }
}
