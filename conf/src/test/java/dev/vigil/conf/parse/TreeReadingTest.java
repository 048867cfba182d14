package dev.vigil.conf.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.common.diag.Severity;
import dev.vigil.conf.tree.ConfNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class TreeReadingTest {

    @Test
    void braceOnTheSameLineOrTheNextGiveTheSameTree() {
        String same = "vrrp_instance VI_1 {\n state MASTER\n virtual_ipaddress {\n 10.0.0.1/24\n }\n}\n";
        String next = "vrrp_instance VI_1\n{\n state MASTER\n virtual_ipaddress\n {\n 10.0.0.1/24\n }\n}\n";
        Reading.Result a = Reading.read(same);
        Reading.Result b = Reading.read(next);
        assertEquals("vrrp_instance VI_1 { state MASTER; virtual_ipaddress { 10.0.0.1/24 } }", a.render());
        assertEquals(a.render(), b.render());
        assertTrue(a.clean() && b.clean());
    }

    @Test
    void bracesInsideALine() {
        Reading.Result r = Reading.read("track_interface { eth0 eth1 }\nvrrp_sync_group VG1 { group { VI_1 VI_2 } }\nx{}y\n");
        assertEquals("track_interface { eth0 eth1 }; vrrp_sync_group VG1 { group { VI_1 VI_2 } }; x { }; y", r.render());
        assertTrue(r.clean());
    }

    @Test
    void emptyBlockIsToldFromNoBlock() {
        List<ConfNode> tree = Reading.read("a {}\nb\n").tree();
        assertTrue(tree.get(0).hasBlock());
        assertTrue(tree.get(0).children().isEmpty());
        assertFalse(tree.get(1).hasBlock());
    }

    @Test
    void extraClosingBraceIsReportedWithItsPosition() {
        Reading.Result r = Reading.read("a {\n}\n  }\nb\n");
        assertEquals("a { }; b", r.render());
        assertEquals(List.of("test.conf:3:3: error: extra '}' with no open block"), r.problems(Severity.WARNING));
    }

    @Test
    void missingClosingBraceIsReportedAtTheOpeningOne() {
        Reading.Result r = Reading.read("a {\n b {\n  c\n");
        assertEquals("a { b { c } }", r.render());
        assertEquals(List.of("test.conf:2:4: error: missing '}' for the block opened here",
                "test.conf:1:3: error: missing '}' for the block opened here"), r.problems(Severity.WARNING));
    }

    @Test
    void strayOpeningBraceKeepsItsContentsAtItsLevel() {
        Reading.Result r = Reading.read("{ x }\na { } { y }\n");
        assertEquals("x; a { }; y", r.render());
        assertEquals(2, r.problems(Severity.ERROR).size());
        assertTrue(r.problems(Severity.ERROR).getFirst().startsWith("test.conf:1:1: error: unexpected '{'"));
    }

    @Test
    void keywordAndArgumentsKeepPositions() {
        ConfNode node = Reading.read("\n  priority  100\n").tree().getFirst();
        assertEquals(2, node.position().line());
        assertEquals(3, node.position().column());
        assertEquals(13, node.arguments().getFirst().position().column());
    }

    @Test
    void deepNestingIsBoundedNotAStackOverflow() {
        String deep = "a {\n".repeat(5000) + "}\n".repeat(5000);
        Reading.Result r = Reading.read(deep);
        assertEquals(1, r.problems(Severity.ERROR).size());
        assertEquals(1, r.tree().size());
    }
}
