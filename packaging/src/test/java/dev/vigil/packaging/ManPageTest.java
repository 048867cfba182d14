package dev.vigil.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.daemon.cli.VigilCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * vigil.8 against the command line it documents: groff renders it without a warning, every
 * option and subcommand of {@code vigil}, {@code vigil ctl} and {@code vigil genhash} is in it,
 * and every long option it names exists.
 */
class ManPageTest {

    private static final Path PAGE = Build.distributionSources().resolve("man/vigil.8");
    /** Long options the page names that belong to the JVM, not to Vigil. */
    private static final Set<String> NOT_VIGILS = Set.of("--add-opens");

    /** Every command of the CLI by its full name ("vigil", "vigil ctl", "vigil ctl status", ...). */
    private static List<CommandSpec> commands() {
        List<CommandSpec> all = new ArrayList<>();
        collect(new CommandLine(new VigilCommand()).getCommandSpec(), all);
        return all;
    }

    private static void collect(CommandSpec spec, List<CommandSpec> into) {
        into.add(spec);
        for (Map.Entry<String, CommandLine> sub : spec.subcommands().entrySet()) {
            collect(sub.getValue().getCommandSpec(), into);
        }
    }

    /** How groff source spells an option: every hyphen as \-. */
    private static String roff(String text) {
        return text.replace("-", "\\-");
    }

    @Test
    void groffRendersItWithoutWarnings() {
        assumeTrue(Command.available("groff"), "groff is not installed (apt-get install groff-base); skipping");
        Command.Result check = Command.of("groff", "-man", "-ww", "-z", PAGE.toString()).run();
        assertEquals(0, check.exitCode(), check.describe());
        assertEquals("", check.stderr(), check.describe());

        Command.Result text = Command.of("groff", "-man", "-Tascii", "-P-c", "-P-b", "-P-u", PAGE.toString()).run();
        assertEquals(0, text.exitCode(), text.describe());
        assertTrue(text.stdout().contains("vigil ctl [-s SOCK]"), text.stdout());
    }

    @Test
    void everyOptionAndSubcommandOfTheCommandLineIsDocumented() throws IOException {
        String page = Files.readString(PAGE);
        List<String> missing = new ArrayList<>();
        for (CommandSpec command : commands()) {
            if (!page.contains(command.name())) {
                missing.add("command " + command.qualifiedName());
            }
            for (OptionSpec option : command.options()) {
                for (String name : option.names()) {
                    if (!page.contains(roff(name))) {
                        missing.add(command.qualifiedName() + " " + name);
                    }
                }
            }
        }
        assertEquals(List.of(), missing, "options of the CLI that " + PAGE + " does not mention");
    }

    @Test
    void everyLongOptionThePageNamesExists() throws IOException {
        Set<String> known = new TreeSet<>(NOT_VIGILS);
        for (CommandSpec command : commands()) {
            command.options().forEach(o -> known.addAll(List.of(o.names())));
        }
        Set<String> named = new TreeSet<>();
        Matcher m = Pattern.compile("\\\\-\\\\-[a-z_]+(?:\\\\-[a-z_]+)*").matcher(Files.readString(PAGE));
        while (m.find()) {
            named.add(m.group().replace("\\-", "-"));
        }
        assertTrue(named.size() > 20, "found only " + named);
        named.removeAll(known);
        assertEquals(Set.of(), named, "long options in " + PAGE + " that no vigil command has");
    }
}
