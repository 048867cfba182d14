package dev.vigil.packaging.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.daemon.cli.VigilCommand;
import dev.vigil.daemon.metrics.MetricNames;
import dev.vigil.packaging.Build;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** docs/OPERATIONS.md against the code it describes: the metric names and the option defaults. */
class OperationsDocTest {

    private static String operations() throws IOException {
        return Files.readString(Build.docs().resolve("OPERATIONS.md"));
    }

    /** Prometheus base names (no _total/_seconds) of every metric MetricNames declares. */
    private static Set<String> declaredMetrics() throws IllegalAccessException {
        Set<String> names = new TreeSet<>();
        for (Field field : MetricNames.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
                    && ((String) field.get(null)).startsWith("vigil.")) {
                names.add(((String) field.get(null)).replace('.', '_'));
            }
        }
        return names;
    }

    @Test
    void metricsTableListsExactlyTheMetricsTheDaemonPublishes() throws Exception {
        Set<String> declared = declaredMetrics();
        assertTrue(declared.size() >= 20, declared.toString());
        Set<String> documented = new TreeSet<>();
        Matcher row = Pattern.compile("(?m)^\\| `(vigil_[a-z_]+)` \\|").matcher(operations());
        while (row.find()) {
            documented.add(row.group(1).replaceAll("_(total|seconds)$", ""));
        }
        Set<String> undocumented = new TreeSet<>(declared);
        undocumented.removeAll(documented);
        Set<String> unknown = new TreeSet<>(documented);
        unknown.removeAll(declared);
        assertEquals(Set.of(), undocumented, "metrics in MetricNames that the table in OPERATIONS.md lacks");
        assertEquals(Set.of(), unknown, "metrics in the table in OPERATIONS.md that MetricNames does not declare");
    }

    @Test
    void optionDefaultsInTheDaemonTableAreTheCommandLinesDefaults() throws IOException {
        CommandSpec spec = new CommandLine(new VigilCommand()).getCommandSpec();
        Matcher row = Pattern.compile("(?m)^\\| `(-[-a-zA-Z]+)` \\| `?([^`|]+?)`? \\|").matcher(operations());
        List<String> checked = new ArrayList<>();
        while (row.find()) {
            OptionSpec option = spec.findOption(row.group(1));
            assertTrue(option != null, "OPERATIONS.md documents " + row.group(1) + ", which vigil does not have");
            String expected = option.typeInfo().isBoolean() ? "off"
                    : option.initialValue() == null ? "none" : String.valueOf(option.initialValue());
            assertEquals(expected, row.group(2), "default of " + row.group(1));
            checked.add(row.group(1));
        }
        assertTrue(checked.containsAll(List.of("-f", "-p", "--control-socket", "--metrics", "--backend")), checked
                .toString());
    }
}
