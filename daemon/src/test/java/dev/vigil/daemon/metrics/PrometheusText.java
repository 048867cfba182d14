package dev.vigil.daemon.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A strict parser for the Prometheus text exposition format 0.0.4, written for these tests:
 * HELP and TYPE lines, samples with escaped label values, float values (NaN, +Inf, -Inf) and
 * optional timestamps. It fails on anything the format does not allow: bad names, bad escapes,
 * a TYPE after its samples, a family declared twice, samples of a family split by another
 * family, duplicate series, sample names that do not belong to their family's type, and text
 * that does not end with a newline.
 */
public final class PrometheusText {

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final List<String> TYPES = List.of("counter", "gauge", "histogram", "summary", "untyped");

    /** One sample line. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    /** One metric family: its HELP, TYPE and samples. */
    public record Family(String name, String type, String help, List<Sample> samples) {
    }

    /** Thrown for any violation of the format, with the 1-based line number. */
    public static final class FormatException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FormatException(int line, String message) {
            super("line " + line + ": " + message);
        }
    }

    private final Map<String, Family> families = new LinkedHashMap<>();
    private final Map<String, String> help = new LinkedHashMap<>();
    private final Map<String, Sample> series = new LinkedHashMap<>();
    private String current;
    private int lineNumber;

    private PrometheusText() {
    }

    /** Parses a whole exposition. */
    public static Map<String, Family> parse(String text) {
        PrometheusText parser = new PrometheusText();
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new FormatException(0, "exposition must end with a newline");
        }
        for (String line : text.split("\n", -1)) {
            parser.lineNumber++;
            parser.line(line);
        }
        return parser.families;
    }

    /** The value of the sample {@code name} with exactly {@code labels}. */
    public static Optional<Double> value(Map<String, Family> families, String name, Map<String, String> labels) {
        return families.values().stream().flatMap(family -> family.samples().stream())
                .filter(sample -> sample.name().equals(name) && sample.labels().equals(labels))
                .map(Sample::value).findFirst();
    }

    private void line(String line) {
        if (line.isEmpty()) {
            return;
        }
        if (line.startsWith("# HELP ")) {
            String[] parts = line.substring(7).split(" ", 2);
            String name = name(parts[0], METRIC_NAME);
            if (help.put(name, parts.length > 1 ? unescape(parts[1], false) : "") != null) {
                throw new FormatException(lineNumber, "second HELP for " + name);
            }
        } else if (line.startsWith("# TYPE ")) {
            String[] parts = line.substring(7).split(" ");
            if (parts.length != 2 || !TYPES.contains(parts[1])) {
                throw new FormatException(lineNumber, "bad TYPE line: " + line);
            }
            String name = name(parts[0], METRIC_NAME);
            if (families.containsKey(name)) {
                throw new FormatException(lineNumber, "TYPE for " + name + " after its samples or twice");
            }
            families.put(name, new Family(name, parts[1], help.getOrDefault(name, null), new ArrayList<>()));
            current = name;
        } else if (line.startsWith("#")) {
            return;
        } else {
            sample(line);
        }
    }

    private void sample(String line) {
        int position = 0;
        while (position < line.length() && line.charAt(position) != '{' && line.charAt(position) != ' ') {
            position++;
        }
        String name = name(line.substring(0, position), METRIC_NAME);
        Map<String, String> labels = new LinkedHashMap<>();
        if (position < line.length() && line.charAt(position) == '{') {
            position = labels(line, position + 1, labels);
        }
        if (position >= line.length() || line.charAt(position) != ' ') {
            throw new FormatException(lineNumber, "expected a space before the value: " + line);
        }
        String[] rest = line.substring(position + 1).split(" ");
        if (rest.length > 2) {
            throw new FormatException(lineNumber, "trailing text: " + line);
        }
        double value = number(rest[0]);
        if (rest.length == 2) {
            try {
                Long.parseLong(rest[1]);
            } catch (NumberFormatException e) {
                throw new FormatException(lineNumber, "bad timestamp: " + rest[1]);
            }
        }
        Family family = familyOf(name);
        Sample sample = new Sample(name, Map.copyOf(labels), value);
        if (series.put(name + labels, sample) != null) {
            throw new FormatException(lineNumber, "duplicate series " + name + labels);
        }
        family.samples().add(sample);
    }

    private Family familyOf(String sampleName) {
        if (current == null) {
            throw new FormatException(lineNumber, "sample " + sampleName + " before any TYPE");
        }
        Family family = families.get(current);
        List<String> allowed = switch (family.type()) {
            case "summary" -> List.of("", "_sum", "_count", "_created");
            case "histogram" -> List.of("_bucket", "_sum", "_count", "_created");
            case "counter" -> List.of("", "_created");
            default -> List.of("");
        };
        for (String suffix : allowed) {
            if (sampleName.equals(current + suffix)) {
                return family;
            }
        }
        throw new FormatException(lineNumber, "sample " + sampleName + " does not belong to "
                + family.type() + " family " + current + " (families must be contiguous)");
    }

    private int labels(String line, int position, Map<String, String> labels) {
        while (true) {
            if (position >= line.length()) {
                throw new FormatException(lineNumber, "unterminated label set");
            }
            if (line.charAt(position) == '}') {
                return position + 1;
            }
            int equals = line.indexOf('=', position);
            if (equals < 0) {
                throw new FormatException(lineNumber, "label without '='");
            }
            String label = name(line.substring(position, equals), LABEL_NAME);
            if (equals + 1 >= line.length() || line.charAt(equals + 1) != '"') {
                throw new FormatException(lineNumber, "label value must be quoted");
            }
            StringBuilder value = new StringBuilder();
            position = quoted(line, equals + 2, value);
            if (labels.put(label, value.toString()) != null) {
                throw new FormatException(lineNumber, "label " + label + " twice");
            }
            if (position < line.length() && line.charAt(position) == ',') {
                position++;
            } else if (position >= line.length() || line.charAt(position) != '}') {
                throw new FormatException(lineNumber, "expected ',' or '}' after a label");
            }
        }
    }

    /** Reads an escaped label value up to its closing quote; returns the index after it. */
    private int quoted(String line, int position, StringBuilder value) {
        while (position < line.length()) {
            char c = line.charAt(position);
            if (c == '"') {
                return position + 1;
            }
            if (c == '\\') {
                if (position + 1 >= line.length()) {
                    throw new FormatException(lineNumber, "dangling escape");
                }
                char escaped = line.charAt(position + 1);
                value.append(switch (escaped) {
                    case '\\' -> '\\';
                    case '"' -> '"';
                    case 'n' -> '\n';
                    default -> throw new FormatException(lineNumber, "bad escape \\" + escaped);
                });
                position += 2;
            } else {
                value.append(c);
                position++;
            }
        }
        throw new FormatException(lineNumber, "unterminated label value");
    }

    private String unescape(String text, boolean quotes) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (++i >= text.length()) {
                throw new FormatException(lineNumber, "dangling escape in HELP");
            }
            char escaped = text.charAt(i);
            if (escaped == 'n') {
                out.append('\n');
            } else if (escaped == '\\' || (quotes && escaped == '"')) {
                out.append(escaped);
            } else {
                throw new FormatException(lineNumber, "bad escape in HELP \\" + escaped);
            }
        }
        return out.toString();
    }

    private double number(String text) {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                if (!text.matches("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?")) {
                    throw new FormatException(lineNumber, "bad value " + text);
                }
                yield Double.parseDouble(text);
            }
        };
    }

    private String name(String text, Pattern pattern) {
        if (!pattern.matcher(text).matches()) {
            throw new FormatException(lineNumber, "bad name '" + text + "'");
        }
        return text;
    }
}
