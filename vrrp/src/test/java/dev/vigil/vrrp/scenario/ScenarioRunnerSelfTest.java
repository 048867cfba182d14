package dev.vigil.vrrp.scenario;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The scenario machinery must fail on wrong or missing expectations, and parse what it documents. */
class ScenarioRunnerSelfTest {

    private static final String HEADER = "# Rule: test\ninstance R priority=100\n";

    private static void run(String body) {
        new ScenarioRunner(ScenarioParser.parse("inline", HEADER + body)).run();
    }

    @Test
    void aCorrectScenarioPasses() {
        assertDoesNotThrow(() -> run("at 0 Startup(up)\nexpect StateChanged(INIT, BACKUP, STARTUP)\n"));
    }

    @Test
    void aWrongEffectFailsWithTheLine() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> run("at 0 Startup(up)\nexpect StateChanged(INIT, MASTER, STARTUP)\n"));
        assertTrue(e.getMessage().contains("inline:4"), e.getMessage());
    }

    @Test
    void anUnexpectedEffectFailsAtTheNextAtLineOrTheEnd() {
        assertThrows(AssertionFailedError.class, () -> run("at 0 Startup(up)\nat 1s\n"));
        assertThrows(AssertionFailedError.class, () -> run("at 0 Startup(up)\n"));
    }

    @Test
    void expectingMoreThanHappenedFails() {
        assertThrows(AssertionFailedError.class,
                () -> run("at 0 Startup(up)\nexpect StateChanged(INIT, BACKUP, STARTUP)\nexpect AddVips\n"));
    }

    @Test
    void timersFireOnlyWhenTheClockPassesThem() {
        assertThrows(AssertionFailedError.class, () -> run("""
                at 0 Startup(up)
                expect StateChanged(INIT, BACKUP, STARTUP)
                at 3609374999ns
                expect StateChanged(BACKUP, MASTER, MASTER_DOWN_TIMER)
                """));
    }

    @Test
    void stateAndPriorityChecksCompare() {
        assertThrows(AssertionFailedError.class, () -> run("state MASTER\n"));
        assertThrows(AssertionFailedError.class, () -> run("priority 99\n"));
        assertDoesNotThrow(() -> run("state INIT\npriority 100\n"));
    }

    @Test
    void parseErrorsNameFileAndLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScenarioParser.parse("x.scenario", HEADER + "frobnicate\n"));
        assertTrue(e.getMessage().startsWith("x.scenario:3:"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ScenarioParser.parse("x", "# Rule: r\nat 0\n"));
    }

    @Test
    void headerAndTimesParse() {
        Scenario s = ScenarioParser.parse("x", "# Rule: r\n# prose\ninstance R\nat 1.5s\n");
        assertEquals(java.util.List.of("Rule: r", "prose"), s.header());
        assertEquals(1_500_000_000L, ((Scenario.At) s.steps().getFirst()).atNanos());
        assertEquals("3.609375s", TimeText.format(3_609_375_000L));
        assertEquals("5s", TimeText.format(5_000_000_000L));
        assertThrows(IllegalArgumentException.class, () -> TimeText.parse("5"));
    }
}
