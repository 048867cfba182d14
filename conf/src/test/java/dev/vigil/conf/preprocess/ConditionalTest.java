package dev.vigil.conf.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.conf.parse.ReadOptions;
import dev.vigil.conf.parse.Reading;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConditionalTest {

    private static final String CONF = """
            global_defs {
                @main   router_id main_router
                @backup router_id backup_router
            }
            unicast_peer {
                @^main    1.2.3.4
                @^backup  1.2.3.5
            }
            @main
            """;

    private static String read(String id) {
        return Reading.read(ReadOptions.of(id, Map.of()), CONF).render();
    }

    @Test
    void matchingIdKeepsTheLineAndNegationInverts() {
        assertEquals("global_defs { router_id main_router }; unicast_peer { 1.2.3.5 }", read("main"));
        assertEquals("global_defs { router_id backup_router }; unicast_peer { 1.2.3.4 }", read("backup"));
        assertEquals("global_defs { }; unicast_peer { 1.2.3.4; 1.2.3.5 }", read("other"));
    }

    @Test
    void noConfigIdDropsEveryPositiveLine() {
        assertEquals("global_defs { }; unicast_peer { 1.2.3.4; 1.2.3.5 }", read(""));
    }

    @Test
    void conditionalLinesKeepTheirColumns() {
        Reading.Result r = Reading.read(ReadOptions.of("main", Map.of()), "@main  priority 240\n");
        assertEquals(8, r.tree().getFirst().position().column());
        assertTrue(r.clean());
    }

    @Test
    void conditionalDefinitionsAndParameterConditions() {
        String conf = """
                @main $PRIORITY=240
                @backup $PRIORITY=200
                $IF_MAIN=@main
                priority $PRIORITY
                $IF_MAIN nopreempt
                """;
        assertEquals("priority 240; nopreempt", Reading.read(ReadOptions.of("main", Map.of()), conf).render());
        assertEquals("priority 200", Reading.read(ReadOptions.of("backup", Map.of()), conf).render());
    }

    @Test
    void droppedMultiLineDefinitionConsumesItsLines() {
        String conf = "@other $X= \\\n a \\\n b\nc\n";
        assertEquals("c", Reading.read(conf).render());
    }
}
