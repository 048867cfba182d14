package dev.vigil.daemon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.daemon.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void signumPrintsKeepalivedSignalNumbers() {
        assertEquals(0, run("--signum=STOP"));
        assertEquals(0, run("--signum=RELOAD"));
        assertEquals(0, run("--signum=DATA"));
        assertEquals(0, run("--signum=STATS"));
        assertEquals(0, run("--signum=STATS_CLEAR"));
        assertEquals(0, run("--signum=JSON"));
        assertEquals(String.join(System.lineSeparator(), "15", "1", "10", "12", "63", "36", ""), out.toString());
    }

    @Test
    void unknownOrLowerCaseSignalNameFailsAsKeepalivedDoes() {
        assertEquals(1, run("--signum=BOGUS"));
        assertEquals(1, run("--signum=reload"));
        assertEquals(1, run("--signum=TDUMP"));
        assertEquals(String.join(System.lineSeparator(),
                "Unknown sigfunc BOGUS", "Unknown sigfunc reload", "Unknown sigfunc TDUMP", ""), err.toString());
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertEquals(2, run("--no-such-flag"));
        assertTrue(err.toString().contains("--no-such-flag"), err.toString());
    }

    @Test
    void helpListsKeepalivedFlags() {
        assertEquals(0, run("-h"));
        String help = out.toString();
        for (String flag : new String[] {"--use-file", "--config-test", "--config-id", "--dont-fork", "--signum"}) {
            assertTrue(help.contains(flag), flag + " missing from help:\n" + help);
        }
    }
}
