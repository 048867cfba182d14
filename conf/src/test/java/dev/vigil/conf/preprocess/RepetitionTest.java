package dev.vigil.conf.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.common.diag.Severity;
import dev.vigil.conf.parse.ReadOptions;
import dev.vigil.conf.parse.Reading;
import dev.vigil.conf.tree.ConfNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RepetitionTest {

    private static String render(String conf) {
        Reading.Result r = Reading.read(conf);
        assertTrue(r.problems(Severity.ERROR).isEmpty(), r.problems(Severity.ERROR).toString());
        return r.render();
    }

    private static List<String> keywords(String conf) {
        return Reading.read(conf).tree().stream().map(ConfNode::name).toList();
    }

    @Test
    void sequenceForms() {
        assertEquals("ip_address 10.0.0.1; ip_address 10.0.1.1; ip_address 10.0.2.1; ip_address 10.0.3.1",
                render("~SEQ(SUBNET, 0, 3) ip_address 10.0.${SUBNET}.1\n"));
        assertEquals(List.of("1", "2", "3"), keywords("~SEQ(I, 3) $I\n"));
        assertEquals(List.of("-1", "-2"), keywords("~SEQ(I, -2) $I\n"));
        assertEquals(List.of("1", "0"), keywords("~SEQ(I, 0) $I\n"));
        assertEquals(List.of("5", "4", "3"), keywords("~SEQ(I, 5, 3) $I\n"));
        assertEquals(List.of("10", "7", "4", "1"), keywords("~SEQ(I, 10, -3, 0) $I\n"));
        assertEquals(List.of("8", "16"), keywords("~SEQ(I, 010, 8, 0x10) $I\n"));
    }

    @Test
    void hexSequence() {
        assertEquals("ip_address fe80::20:90:1; ip_address fe80::20:a0:1; ip_address fe80::20:b0:1;"
                + " ip_address fe80::20:c0:1", render("~SEQx(SUBNET, 0x90, 0x10, 0xc0) ip_address fe80::20:${SUBNET}:1\n"));
    }

    @Test
    void sequenceNumbersMayBeParameters() {
        assertEquals(List.of("2", "3"), keywords("$FROM=2\n$TO=3\n~SEQ(I, $FROM, ${TO}) $I\n"));
    }

    @Test
    void nestedSequencesInsideABlock() {
        assertEquals("virtual_ipaddress { fe81::10:90:12; fe81::10:90:11; fe81::10:a0:12; fe81::10:a0:11 }",
                render("virtual_ipaddress {\n ~SEQx(AD2, 0x90, 0x10, 0xa0) ~SEQx(AD1, 0x12, -1, 0x11) fe81::10:${AD2}:${AD1}\n}\n"));
    }

    @Test
    void listForms() {
        assertEquals("192.168.10.1; 192.168.20.4; 192.168.5.6; 192.168.12.8",
                render("~LST({IP, IP1}, {10,1},{20,4},{5,6},{12,8}) 192.168.${IP}.${IP1}\n"));
        assertEquals(List.of("a", "b", "c"), keywords("~LST(V, a, b, c) $V\n"));
        assertEquals(List.of("x.", "y.z"), keywords("~LST({P, Q}, {x}, {y, z}) ${P}.${Q}\n"));
    }

    @Test
    void listsAndSequencesCombine() {
        assertEquals("192.168.10.1; 192.170.10.1; 192.168.20.4; 192.170.20.4",
                render("~LST({IP, IP1}, {10,1},{20,4}) ~SEQ(IP2,168,2,170) 192.${IP2}.${IP}.${IP1}\n"));
        assertEquals(List.of("1.5", "1.6", "2.5", "2.6"), keywords("~LST(IP, 1, 2) ~LST(IP1, 5,6) ${IP}.${IP1}\n"));
    }

    @Test
    void sequenceOfAMultiLineDefinitionKeepsEachCopyTogether() {
        String conf = "$VI= \\\nvrrp_instance v${ID} { \\\n  virtual_router_id ${ID} \\\n}\n~SEQ(ID, 1, 2) $VI\n";
        assertEquals("vrrp_instance v1 { virtual_router_id 1 }; vrrp_instance v2 { virtual_router_id 2 }", render(conf));
    }

    @Test
    void variablesKeepTheirLastValue() {
        assertEquals("3; after 3", render("~SEQ(N, 3, 3) $N\nafter $N\n"));
    }

    @Test
    void sequenceHeldInAParameterStillRuns() {
        assertEquals(List.of("p1", "p2"), keywords("$S=~SEQ(I, 1, 2) p${I}\n$S\n"));
    }

    @Test
    void bodyWordsKeepTheirColumns() {
        ConfNode node = Reading.read("~SEQ(I, 1, 1)   addr ${I}\n").tree().getFirst();
        assertEquals(17, node.position().column());
        assertEquals(22, node.arguments().getFirst().position().column());
    }

    @Test
    void malformedSpecificationsAreErrors() {
        for (String bad : List.of("~SEQ(I, 1, 0, 5) x", "~SEQ(I, 5, 1, 1) x", "~SEQ I, 1) x", "~SEQ(I, 1 x",
                "~SEQ(, 1) x", "~SEQx(I, -1, 3) x", "~SEQ(I 1) x", "~LST(V) x", "~LST({A}, {1, 2}) x",
                "~LST({A, B} 1) x", "~LST(V, a")) {
            Reading.Result r = Reading.read(bad + "\n");
            assertEquals(1, r.problems(Severity.ERROR).size(), bad + " -> " + r.problems(Severity.NOTE));
            assertTrue(r.tree().isEmpty(), bad);
        }
    }

    @Test
    void otherTildeLinesAreLeftAlone() {
        assertEquals("~FOO $X", Reading.read("$X=1\n~FOO $X\n").render());
    }

    @Test
    void generatedLinesAreBounded() {
        ReadOptions small = ReadOptions.of("", Map.of()).withLimits(8, 100);
        Reading.Result r = Reading.read(small, "~SEQ(I, 1, 1000000000) x\ny\n");
        assertEquals(101, r.tree().size());
        assertEquals(1, r.problems(Severity.ERROR).size());
    }
}
