package dev.vigil.conf.bind;

import dev.vigil.conf.model.IpAddress;
import dev.vigil.conf.model.IpPrefix;
import dev.vigil.conf.model.NotifyScript;
import dev.vigil.conf.model.ScriptUser;
import dev.vigil.conf.tree.ConfNode;
import dev.vigil.conf.tree.Word;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Parsers for keyword values. Each reports a problem as a diagnostic at the offending word,
 * saying what is used instead, and returns empty when the value is dropped.
 */
final class Values {

    /** keepalived's TIMER_HZ_DIGITS: times are kept in microseconds. */
    private static final int TIMER_DIGITS = 6;
    /** Longest decimal that still fits a long after scaling (keeps parsing overflow-free). */
    private static final int MAX_NUMBER_DIGITS = 18;

    private Values() {
    }

    /** The unsigned decimal in {@code word}, if it is one (no sign, no hex, no overflow). */
    static OptionalLong parseUnsigned(String text) {
        if (text.isEmpty() || text.length() > MAX_NUMBER_DIGITS || !text.chars().allMatch(Character::isDigit)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(text));
    }

    /** A signed decimal (track weights are signed). */
    static OptionalLong parseSigned(String text) {
        if (text.startsWith("-")) {
            OptionalLong magnitude = parseUnsigned(text.substring(1));
            return magnitude.isPresent() ? OptionalLong.of(-magnitude.getAsLong()) : magnitude;
        }
        return parseUnsigned(text.startsWith("+") ? text.substring(1) : text);
    }

    /** The first argument of {@code line} as a number in {@code [min, max]}. */
    static OptionalLong number(ConfNode line, BindContext context, long min, long max, OptionalLong fallback) {
        Optional<Word> word = context.argument(line);
        if (word.isEmpty()) {
            return OptionalLong.empty();
        }
        return number(line.name(), word.get(), context, min, max, fallback);
    }

    static OptionalLong number(String what, Word word, BindContext context, long min, long max, OptionalLong fallback) {
        OptionalLong value = parseSigned(word.text());
        String instead = fallback.isPresent() ? "using the default " + fallback.getAsLong() : "ignoring it";
        if (value.isEmpty()) {
            context.error(word, what + " '" + word.text() + "' is not a number; " + instead);
            return fallback;
        }
        if (value.getAsLong() < min || value.getAsLong() > max) {
            context.error(word, what + " " + word.text() + " is outside " + min + ".." + max + "; " + instead);
            return fallback;
        }
        return value;
    }

    /** Decimal seconds ({@code 1}, {@code 0.05}) to at most microsecond precision; empty when malformed. */
    static Optional<Duration> parseSeconds(String text) {
        if (text.isEmpty() || !text.matches("[0-9]{1,12}(\\.[0-9]{0,9})?|\\.[0-9]{1,9}")) {
            return Optional.empty();
        }
        BigDecimal seconds = new BigDecimal(text.startsWith(".") ? "0" + text : text)
                .setScale(TIMER_DIGITS, java.math.RoundingMode.HALF_UP);
        long micros = seconds.movePointRight(TIMER_DIGITS).longValueExact();
        return Optional.of(Duration.ofNanos(micros * 1000));
    }

    static Optional<Duration> seconds(ConfNode line, BindContext context, Duration min, Duration max) {
        Optional<Word> word = context.argument(line);
        if (word.isEmpty()) {
            return Optional.empty();
        }
        return seconds(line.name(), word.get(), context, min, max);
    }

    static Optional<Duration> seconds(String what, Word word, BindContext context, Duration min, Duration max) {
        Optional<Duration> value = parseSeconds(word.text());
        if (value.isEmpty()) {
            context.error(word, what + " '" + word.text() + "' is not a number of seconds; ignoring it");
            return Optional.empty();
        }
        if (value.get().compareTo(min) < 0 || value.get().compareTo(max) > 0) {
            context.error(word, what + " " + word.text() + " is outside " + format(min) + ".." + format(max)
                    + " seconds; ignoring it");
            return Optional.empty();
        }
        return value;
    }

    /** Seconds as keepalived prints them: no trailing zeros. */
    static String format(Duration duration) {
        return BigDecimal.valueOf(duration.toNanos(), 9).stripTrailingZeros().toPlainString();
    }

    /** keepalived's {@code check_true_false}: a bare keyword means true. */
    static Optional<Boolean> bool(ConfNode line, BindContext context) {
        if (line.arguments().isEmpty()) {
            return Optional.of(true);
        }
        Word word = line.arguments().getFirst();
        return switch (word.text()) {
            case "true", "on", "yes" -> Optional.of(true);
            case "false", "off", "no" -> Optional.of(false);
            default -> {
                context.error(word, line.name() + " '" + word.text() + "' is not true/false/on/off/yes/no; ignoring it");
                yield Optional.empty();
            }
        };
    }

    /** {@code keyword "COMMAND ARGS" [USER [GROUP]]}. */
    static Optional<NotifyScript> script(ConfNode line, BindContext context) {
        Optional<Word> command = context.argument(line);
        if (command.isEmpty()) {
            return Optional.empty();
        }
        Optional<ScriptUser> user = scriptUser(line, 1);
        if (line.arguments().size() > 3) {
            context.warning(line.arguments().get(3), "extra words after the script's user and group; "
                    + "quote the command if these are its arguments");
        }
        return Optional.of(new NotifyScript(command.get().text(), user));
    }

    /** {@code USER [GROUP]} starting at argument {@code index}. */
    static Optional<ScriptUser> scriptUser(ConfNode line, int index) {
        if (line.arguments().size() <= index) {
            return Optional.empty();
        }
        Optional<String> group = line.arguments().size() > index + 1
                ? Optional.of(line.arguments().get(index + 1).text()) : Optional.empty();
        return Optional.of(new ScriptUser(line.arguments().get(index).text(), group));
    }

    static Optional<IpAddress> address(String what, Word word, BindContext context) {
        Optional<IpAddress> address = IpAddress.parse(word.text());
        if (address.isEmpty()) {
            context.error(word, what + " '" + word.text() + "' is not a numeric IP address; ignoring it");
        }
        return address;
    }

    static Optional<IpPrefix> prefix(String what, Word word, BindContext context) {
        Optional<IpPrefix> prefix = IpPrefix.parse(word.text());
        if (prefix.isEmpty()) {
            context.error(word, what + " '" + word.text() + "' is not an address[/prefix]; ignoring it");
        }
        return prefix;
    }

    /** A TCP/UDP port: 16 bits (RFC 793 / RFC 768); 0 means "any port" for a persistent service. */
    static Optional<Integer> port(String what, Word word, BindContext context) {
        OptionalLong port = number(what, word, context, 0, 65535, OptionalLong.empty());
        return port.isPresent() ? Optional.of((int) port.getAsLong()) : Optional.empty();
    }
}
