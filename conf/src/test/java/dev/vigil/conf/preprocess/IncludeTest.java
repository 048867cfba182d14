package dev.vigil.conf.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.common.diag.Diagnostics;
import dev.vigil.common.diag.Severity;
import dev.vigil.common.diag.SourcePosition;
import dev.vigil.conf.parse.ConfTreeReader;
import dev.vigil.conf.parse.ReadOptions;
import dev.vigil.conf.parse.Reading;
import dev.vigil.conf.tree.ConfNode;
import dev.vigil.conf.tree.Word;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncludeTest {

    private static final ReadOptions OPTIONS = ReadOptions.of("main", Map.of());

    @TempDir
    Path dir;

    private static Path fixture() throws URISyntaxException {
        return Path.of(IncludeTest.class.getResource("/conf-front/include/main.conf").toURI());
    }

    private void write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private Reading.Result readMain(ReadOptions options) {
        Diagnostics d = new Diagnostics();
        List<ConfNode> tree = new ConfTreeReader(options).read(dir.resolve("main.conf"), d);
        return new Reading.Result(tree, d);
    }

    @Test
    void globsBracesNestingAndBlocksAcrossFiles() throws Exception {
        Path main = fixture();
        Diagnostics d = new Diagnostics();
        List<ConfNode> tree = new ConfTreeReader(OPTIONS).read(main, d);
        String dirName = main.getParent().toRealPath().toString();
        assertEquals("global_defs { router_id main }; vrrp_script chk_a { script /bin/true };"
                + " vrrp_script chk_b { script " + dirName + "/conf.d/b.sh; interval 2 };"
                + " vrrp_sync_group G { group { VI_1 } }; virtual_server_group VSG { 10.0.0.1 80 };"
                + " vrrp_instance VI_1 { state MASTER; priority 100 }", Reading.render(tree));
        assertTrue(d.all().isEmpty(), d.all().toString());
    }

    @Test
    void includedWordsCarryTheIncludeChain() throws Exception {
        Path main = fixture();
        List<ConfNode> tree = new ConfTreeReader(OPTIONS).read(main, new Diagnostics());
        ConfNode interval = tree.get(2).children().get(1);
        SourcePosition at = interval.position();
        String base = main.getParent().toString();
        assertEquals(base + "/nested/inner.conf:1:1", at.toString());
        SourcePosition includeLine = at.includedFrom().orElseThrow();
        assertEquals(base + "/conf.d/b.conf:3:3", includeLine.toString());
        assertEquals(main + ":5:1", includeLine.includedFrom().orElseThrow().toString());
        assertEquals(Optional.empty(), includeLine.includedFrom().orElseThrow().includedFrom());
        ConfNode state = tree.get(5).children().getFirst();
        assertEquals(main + ":8:5", state.position().includedFrom().orElseThrow().toString());
    }

    @Test
    void textReadsIncludeRelativeToTheBaseDirectoryAndNamesFilesLikeTheIncluder() throws IOException {
        write("parts/x.conf", "x 1\n");
        Diagnostics d = new Diagnostics();
        List<ConfNode> tree = new ConfTreeReader(OPTIONS).read("etc/main.conf", "include parts/x.conf\n", dir, d);
        assertEquals("x 1", Reading.render(tree));
        assertEquals("etc/parts/x.conf:1:1", tree.getFirst().position().toString());
        assertEquals("etc/main.conf:1:1", tree.getFirst().position().includedFrom().orElseThrow().toString());
    }

    @Test
    void plainIncludeOfMissingFilesIsNotAnError() throws IOException {
        write("main.conf", "include nothing.conf\ninclude none/*.conf\ninclude empty/*.conf\na\n");
        Files.createDirectories(dir.resolve("empty"));
        Reading.Result r = readMain(OPTIONS);
        assertEquals("a", r.render());
        assertFalse(r.diagnostics().has(Severity.ERROR));
        assertEquals(2, r.problems(Severity.WARNING).size());
        assertEquals(3, r.problems(Severity.NOTE).size());
    }

    @Test
    void variantsMakeMissingFilesFatal() throws IOException {
        for (String line : List.of("includem nothing.conf", "includea nothing.conf",
                "includew empty/*.conf", "includeb {a,nothing}.conf")) {
            write("a.conf", "a\n");
            Files.createDirectories(dir.resolve("empty"));
            write("main.conf", line + "\nz\n");
            Reading.Result r = readMain(OPTIONS);
            assertTrue(r.diagnostics().has(Severity.FATAL), line);
            assertEquals("z", r.render(), line);
        }
    }

    @Test
    void includerToleratesMissingFiles() throws IOException {
        write("main.conf", "includer nothing.conf\nincluder conf.d/*\n");
        Reading.Result r = readMain(OPTIONS);
        assertFalse(r.diagnostics().has(Severity.ERROR));
        assertEquals(2, r.problems(Severity.WARNING).size());
    }

    @Test
    void missingBraceAlternativeIsOnlyAWarningForPlainInclude() throws IOException {
        write("a.conf", "a\n");
        write("main.conf", "include {a,nothing}.conf\n");
        Reading.Result r = readMain(OPTIONS);
        assertEquals("a", r.render());
        assertEquals(List.of("WARNING"), r.diagnostics().all().stream().map(x -> x.severity().name()).toList());
    }

    @Test
    void allConfigOptionMakesEveryIncludeProblemFatal() throws IOException {
        write("main.conf", "include nothing.conf\n");
        assertFalse(readMain(OPTIONS).diagnostics().has(Severity.FATAL));
        assertTrue(readMain(OPTIONS.withAllConfig(true)).diagnostics().has(Severity.FATAL));
    }

    @Test
    void includeCheckKeywordInGlobalDefsAppliesUntilTheEndOfItsFile() throws IOException {
        write("strict.conf", "global_defs { include_check }\ninclude inner-missing.conf\n");
        write("main.conf", "include strict.conf\ninclude outer-missing.conf\n");
        Reading.Result r = readMain(OPTIONS);
        assertEquals(1, r.problems(Severity.FATAL).size());
        assertTrue(r.problems(Severity.FATAL).getFirst().contains("inner-missing.conf"));
        assertTrue(r.problems(Severity.WARNING).stream().anyMatch(p -> p.contains("outer-missing.conf")));
    }

    @Test
    void includeCheckOutsideGlobalDefsIsJustANode() throws IOException {
        write("main.conf", "vrrp_instance X {\n include_check\n}\ninclude_check\ninclude nothing.conf\n");
        Reading.Result r = readMain(OPTIONS);
        assertFalse(r.diagnostics().has(Severity.FATAL));
        assertEquals("vrrp_instance X { include_check }; include_check", r.render());
    }

    @Test
    void includeCheckOptionsAddAndRemove() throws IOException {
        write("main.conf", "global_defs {\n include_check +match -match +wildcard_match\n}\n"
                + "include nothing.conf\ninclude none*.conf\n");
        Reading.Result r = readMain(OPTIONS);
        assertEquals(1, r.problems(Severity.FATAL).size(), r.problems(Severity.NOTE).toString());
        assertTrue(r.problems(Severity.FATAL).getFirst().contains("none*.conf"));
    }

    @Test
    void directoriesAndExecutablesAreSkipped() throws IOException {
        write("d/sub/x.conf", "x\n");
        write("d/run.conf", "run\n");
        write("d/ok.conf", "ok\n");
        Files.setPosixFilePermissions(dir.resolve("d/run.conf"), PosixFilePermissions.fromString("rwxr-xr-x"));
        write("main.conf", "include d/*\n");
        Reading.Result r = readMain(OPTIONS);
        assertEquals("ok", r.render());
        assertEquals(2, r.problems(Severity.WARNING).size());
        write("main.conf", "includer d/*\n");
        assertEquals(2, readMain(OPTIONS).problems(Severity.FATAL).size());
    }

    @Test
    void includeCycleIsReportedAndReadOnce() throws IOException {
        write("main.conf", "m\ninclude loop.conf\n");
        write("loop.conf", "l\ninclude main.conf\ninclude loop.conf\n");
        Reading.Result r = readMain(OPTIONS);
        assertEquals("m; l", r.render());
        assertEquals(2, r.problems(Severity.ERROR).size());
    }

    @Test
    void nestingDepthIsLimited() throws IOException {
        for (int i = 0; i < 5; i++) {
            write("f" + i + ".conf", "w" + i + "\ninclude f" + (i + 1) + ".conf\n");
        }
        write("f5.conf", "w5\n");
        write("main.conf", "include f0.conf\n");
        Reading.Result r = readMain(OPTIONS.withLimits(3, 1000));
        assertEquals("w0; w1; w2", r.render());
        assertEquals(1, r.problems(Severity.ERROR).size());
    }

    @Test
    void siblingsOfOneGlobMayIncludeEachOther() throws IOException {
        write("p/a.conf", "a\ninclude b.conf\n");
        write("p/b.conf", "b\n");
        write("main.conf", "include p/*.conf\n");
        Reading.Result r = readMain(OPTIONS);
        assertEquals("a; b; b", r.render());
        assertTrue(r.clean());
    }

    @Test
    void includeLineMayBeConditionalOrUseParameters() throws IOException {
        write("x.conf", "x\n");
        write("main.conf", "$F=x.conf\n@main include $F\n@other include x.conf\n");
        assertEquals("x", readMain(OPTIONS).render());
    }

    @Test
    void unreadableMainFileIsFatal() {
        Diagnostics d = new Diagnostics();
        assertTrue(new ConfTreeReader(OPTIONS).read(dir.resolve("absent.conf"), d).isEmpty());
        assertTrue(d.has(Severity.FATAL));
        assertTrue(new ConfTreeReader(OPTIONS).read(dir, new Diagnostics()).isEmpty());
    }

    @Test
    void braceExpansionFollowsCsh() {
        assertEquals(List.of("foo/", "foo/cat", "foo/dog", "bar"),
                IncludeGlob.expandBraces("{foo/{,cat,dog},bar}").patterns());
        assertEquals(List.of("a1c", "a2c", "b1c", "b2c"), IncludeGlob.expandBraces("{a,b}{1,2}c").patterns());
        assertEquals(List.of("x{y"), IncludeGlob.expandBraces("x{y").patterns());
        assertTrue(IncludeGlob.expandBraces("{a,b}".repeat(11)).truncated());
    }

    @Test
    void wildcardSegments() {
        assertTrue(IncludeGlob.toRegex("a[0-9]?.c*").matcher("a1x.conf").matches());
        assertFalse(IncludeGlob.toRegex("a[!0-9]").matcher("a1").matches());
        assertTrue(IncludeGlob.toRegex("\\*").matcher("*").matches());
        assertFalse(IncludeGlob.toRegex("[z-a]").matcher("m").matches());
        assertTrue(IncludeGlob.toRegex("[]]").matcher("]").matches());
    }

    @Test
    void hiddenFilesNeedALeadingDot() throws IOException {
        write("h/.hidden.conf", "hidden\n");
        write("h/shown.conf", "shown\n");
        write("main.conf", "include h/*.conf\ninclude h/.*.conf\n");
        assertEquals("shown; hidden", readMain(OPTIONS).render());
    }

    @Test
    void wordPositionsInsideIncludedFiles() throws IOException {
        write("in.conf", "\n   key  value\n");
        write("main.conf", "a\n  include   in.conf\n");
        Word value = readMain(OPTIONS).tree().get(1).arguments().getFirst();
        assertEquals(2, value.position().line());
        assertEquals(9, value.position().column());
        assertEquals(2, value.position().includedFrom().orElseThrow().line());
        assertEquals(3, value.position().includedFrom().orElseThrow().column());
    }
}
