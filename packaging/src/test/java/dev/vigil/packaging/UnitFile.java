package dev.vigil.packaging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of systemd's unit and environment-file syntax for the tests: settings by
 * section and key (a key may repeat), {@code Environment=} assignments, and the expansion of
 * {@code ${VAR}} (one word) and {@code $VAR} (split at spaces) in a command line.
 */
public record UnitFile(Map<String, List<String>> settings) {

    private static final Pattern VARIABLE = Pattern.compile("^\\$\\{(\\w+)}$|^\\$(\\w+)$");
    private static final Pattern ASSIGNMENT = Pattern.compile("(\\w+)=(\"[^\"]*\"|\\S*)");

    public static UnitFile parse(String text) {
        Map<String, List<String>> settings = new LinkedHashMap<>();
        String section = "";
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1);
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("not a setting: " + raw);
            }
            settings.computeIfAbsent(section + "." + line.substring(0, eq), k -> new ArrayList<>())
                    .add(line.substring(eq + 1));
        }
        return new UnitFile(settings);
    }

    /** Every value of {@code key} in {@code section}, in file order. */
    public List<String> all(String section, String key) {
        return settings.getOrDefault(section + "." + key, List.of());
    }

    /** The single value of {@code key}; fails when it is missing or repeated. */
    public String one(String section, String key) {
        List<String> values = all(section, key);
        if (values.size() != 1) {
            throw new AssertionError(section + "." + key + " should be set once, found " + values);
        }
        return values.getFirst();
    }

    /** The variables of every {@code Environment=} line, later lines overriding earlier ones. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : all("Service", "Environment")) {
            Matcher m = ASSIGNMENT.matcher(line);
            while (m.find()) {
                env.put(m.group(1), unquote(m.group(2)));
            }
        }
        return env;
    }

    /** KEY=VALUE lines of an EnvironmentFile= (comments and blank lines skipped, quotes removed). */
    public static Map<String, String> environmentFile(String text) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            env.put(line.substring(0, eq), unquote(line.substring(eq + 1)));
        }
        return env;
    }

    /** A command line with its variables expanded as systemd does: {@code ${X}} stays one word, {@code $X} splits. */
    public static List<String> expand(String commandLine, Map<String, String> env) {
        List<String> argv = new ArrayList<>();
        for (String word : commandLine.trim().split("\\s+")) {
            Matcher m = VARIABLE.matcher(word);
            if (!m.matches()) {
                argv.add(word);
            } else if (m.group(1) != null) {
                argv.add(env.getOrDefault(m.group(1), ""));
            } else {
                String value = env.getOrDefault(m.group(2), "").trim();
                if (!value.isEmpty()) {
                    argv.addAll(List.of(value.split("\\s+")));
                }
            }
        }
        return argv;
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }
}
