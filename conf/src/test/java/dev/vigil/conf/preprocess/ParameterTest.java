package dev.vigil.conf.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.common.diag.Diagnostics;
import dev.vigil.common.diag.Severity;
import dev.vigil.conf.parse.ConfTreeReader;
import dev.vigil.conf.parse.ReadOptions;
import dev.vigil.conf.parse.Reading;
import dev.vigil.conf.tree.ConfNode;
import dev.vigil.conf.tree.Word;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParameterTest {

    @Test
    void substitutionIsLazyAndRecursive() {
        String conf = """
                $ADDRESS_BASE=10.2.${ADDRESS_BASE_SUB}
                $ADDRESS_BASE_SUB=0
                ${ADDRESS_BASE}.100/32
                $ADDRESS_BASE_SUB=10
                ${ADDRESS_BASE}.100/32
                """;
        assertEquals("10.2.0.100/32; 10.2.10.100/32", Reading.read(conf).render());
    }

    @Test
    void bareNameNeedsASeparatorAfterIt() {
        String conf = "$A=x\n$A $A, ($A) $Ab ${A}b $A\n";
        assertEquals("x x, (x) $Ab xb x", Reading.read(conf).render());
    }

    @Test
    void undefinedNamesStayAsWritten() {
        Reading.Result r = Reading.read("$A=1\nnotify \"/bin/x ${HOME} $USER\" ${NOPE}\n");
        assertEquals("notify /bin/x ${HOME} $USER ${NOPE}", r.render());
        assertTrue(r.clean());
    }

    @Test
    void notADefinitionWithSpaceBeforeEquals() {
        assertEquals("$A =1", Reading.read("$A =1\n").render());
    }

    @Test
    void emptyValueIsAllowed() {
        assertEquals("a  b", Reading.read("$E=\n\"a $E b\"\n").render());
    }

    @Test
    void multiLineDefinitionsExpandIntoLinesAndNest() {
        String conf = """
                $RS= \\
                real_server 192.168.${VS_NUM}.${RS_NUM} 80 { \\
                    weight 1 \\
                }
                $VS= \\
                virtual_server 10.0.${VS_NUM}.4 80 { \\
                    quorum 2 \\
                    $RS_NUM=1 \\
                    $RS \\
                    $RS_NUM=2 \\
                    $RS \\
                }
                $VS_NUM=0
                $VS
                $VS_NUM=1
                $VS
                """;
        Reading.Result r = Reading.read(conf);
        assertEquals("virtual_server 10.0.0.4 80 { quorum 2; real_server 192.168.0.1 80 { weight 1 };"
                + " real_server 192.168.0.2 80 { weight 1 } }; virtual_server 10.0.1.4 80 { quorum 2;"
                + " real_server 192.168.1.1 80 { weight 1 }; real_server 192.168.1.2 80 { weight 1 } }", r.render());
        assertTrue(r.clean(), r.problems(Severity.NOTE).toString());
    }

    @Test
    void multiLineDefinitionIsUsedOnlyAtTheEndOfALine() {
        assertEquals("c; $M x; a; b", Reading.read("$M=a \\\nb\nc\n$M x\n$M\n").render());
    }

    @Test
    void emptyLineEndsAMultiLineDefinition() {
        assertEquals("b; a", Reading.read("$M=a \\\n\nb\n$M\n").render());
    }

    @Test
    void substitutedWordsPointAtTheUseSite() {
        Reading.Result r = Reading.read("$ADDR=10.0.0.1\n$INST= \\\nvrrp_instance X { \\\n  state MASTER \\\n}\n"
                + "  peer ${ADDR}/24\n\n $INST\n  x   $INST\n");
        List<ConfNode> tree = r.tree();
        Word address = tree.get(0).arguments().getFirst();
        assertEquals("10.0.0.1/24", address.text());
        assertEquals(6, address.position().line());
        assertEquals(8, address.position().column());
        ConfNode instance = tree.get(1);
        assertEquals(8, instance.position().line());
        assertEquals(2, instance.position().column());
        assertEquals(8, instance.children().getFirst().position().line());
        assertEquals(2, instance.children().getFirst().position().column());
        ConfNode second = tree.get(2);
        assertEquals("x", second.name());
        assertEquals(7, second.arguments().getFirst().position().column());
        assertEquals(7, second.children().getFirst().position().column());
    }

    @Test
    void predefinedParameters(@TempDir Path dir) throws Exception {
        ReadOptions options = ReadOptions.of("node1", Map.of("SITE", "lab"));
        Diagnostics d = new Diagnostics();
        List<ConfNode> tree = new ConfTreeReader(options).read("x.conf",
                "a ${_PWD} ${_INSTANCE} ${_ENV SITE} [${_ENV NOPE}] \"${_HASH}${_BANG}\" $_INSTANCE\n", dir, d);
        assertEquals("a " + dir.toRealPath() + " node1 lab [] #! node1", Reading.render(tree));
        assertFalse(d.has(Severity.WARNING));
    }

    @Test
    void hashOutsideQuotesStillStartsACommentAfterSubstitution() {
        assertEquals("a", Reading.read("a ${_HASH} b\n").render());
    }

    @Test
    void randomIsInRangeAndRepeatableWithTheSameSeed() {
        String conf = "r ${_RANDOM 5 9} ${_RANDOM} ${_RANDOM 7} ${_RANDOM 3 3}\n";
        Reading.Result a = Reading.read(ReadOptions.of("", Map.of()).withRandomSeed(42), conf);
        Reading.Result b = Reading.read(ReadOptions.of("", Map.of()).withRandomSeed(42), conf);
        assertEquals(a.render(), b.render());
        List<Word> args = a.tree().getFirst().arguments();
        long v = Long.parseLong(args.get(0).text());
        assertTrue(v >= 5 && v <= 9);
        assertTrue(Long.parseLong(args.get(1).text()) <= 32767);
        assertTrue(Long.parseLong(args.get(2).text()) >= 7);
        assertEquals("3", args.get(3).text());
        String many = "r" + " ${_RANDOM}".repeat(20) + "\n";
        assertNotEquals(Reading.read(ReadOptions.of("", Map.of()).withRandomSeed(1), many).render(),
                Reading.read(ReadOptions.of("", Map.of()).withRandomSeed(2), many).render());
    }

    @Test
    void badPredefinedArgumentsAreErrorsAndLeftAlone() {
        Reading.Result r = Reading.read("a ${_RANDOM x} ${_ENV} ${_RANDOM 9 2}\n");
        assertEquals(3, r.problems(Severity.ERROR).size(), r.problems(Severity.NOTE).toString());
        assertTrue(r.render().startsWith("a ${_RANDOM x} ${_ENV} 9"));
    }

    @Test
    void userDefinitionReplacesAPredefinedOne() {
        assertEquals("h", Reading.read("$_HASH=h\n${_HASH}\n").render());
    }

    @Test
    void selfReferenceIsReportedNotLooped() {
        Reading.Result r = Reading.read("$A=x$A\n$B=${B}\nv $A\nw ${B}\n");
        assertEquals(2, r.problems(Severity.ERROR).size());
        assertEquals(2, r.tree().size());
    }

    @Test
    void manPageScriptQuotingExample() {
        String conf = "$SG_NAME=SG1\n$INST=low\n$USER=user\n"
                + "notify_master \"/etc/keepalived/notify_event.sh ' spaces\\\\x20f\\x69le ' '\\\"s p a c e \\\"'"
                + " ${SG_NAME}.$INST master\" $USER group\n";
        Reading.Result r = Reading.read(conf);
        List<Word> args = r.tree().getFirst().arguments();
        assertEquals("/etc/keepalived/notify_event.sh ' spaces\\x20file ' '\"s p a c e \"' SG1.low master",
                args.get(0).text());
        assertEquals("user", args.get(1).text());
        assertEquals("group", args.get(2).text());
        assertTrue(r.clean());
    }

    @Test
    void conditionalLinesInsideAMultiLineDefinition() {
        String conf = "$I= \\\nvrrp_instance X { \\\n  @high priority 130 \\\n  @low priority 120 \\\n}\n$I\n";
        assertEquals("vrrp_instance X { priority 120 }", Reading.read(ReadOptions.of("low", Map.of()), conf).render());
    }

    @Test
    void continuedLinesAreJoinedAndKeepTheirOwnPositions() {
        Reading.Result r = Reading.read("virtual_server 10.0.0.1 \\\n    80 {\n}\n");
        ConfNode vs = r.tree().getFirst();
        assertEquals("virtual_server 10.0.0.1 80 { }", r.render());
        Word port = vs.arguments().get(1);
        assertEquals(2, port.position().line());
        assertEquals(5, port.position().column());
    }
}
