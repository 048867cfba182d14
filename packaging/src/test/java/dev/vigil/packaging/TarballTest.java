package dev.vigil.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The distribution tarball: its layout and modes, and the unpacked launcher running the daemon. */
class TarballTest {

    @TempDir
    Path dir;

    private static Command.Result expectSuccess(Command.Result result) {
        assertEquals(0, result.exitCode(), result.describe());
        return result;
    }

    @Test
    void holdsLauncherJarsExampleManPageUnitAndDocsUnderOneVersionedDirectory() throws IOException {
        assumeTrue(Command.available("tar"), "tar is not installed; skipping");
        String top = Build.distributionName();
        List<ArchiveEntry> entries = ArchiveEntry.parseListing(
                expectSuccess(Command.of("tar", "-tvzf", Build.tarball().toString()).run()).stdout());
        Map<String, ArchiveEntry> byPath = entries.stream()
                .collect(Collectors.toMap(ArchiveEntry::path, Function.identity(), (a, b) -> a));

        Map<String, String> expected = Map.of("bin/vigil", "-rwxr-xr-x", "etc/keepalived.conf", "-rw-r--r--",
                "etc/default/vigil", "-rw-r--r--", "share/man/man8/vigil.8", "-rw-r--r--",
                "systemd/vigil.service", "-rw-r--r--", "README.md", "-rw-r--r--", "docs/MIGRATION.md", "-rw-r--r--",
                "docs/OPERATIONS.md", "-rw-r--r--", "docs/COMPATIBILITY.md", "-rw-r--r--");
        expected.forEach((path, mode) -> {
            ArchiveEntry entry = byPath.get(top + "/" + path);
            assertTrue(entry != null, path + " is missing from " + Build.tarball());
            assertEquals(mode, entry.mode(), path);
        });

        Set<String> jars = entries.stream().filter(e -> e.path().startsWith(top + "/lib/"))
                .map(e -> e.path().substring((top + "/lib/").length())).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(DebPackageTest.jarNames(Build.lib()), jars);
        for (ArchiveEntry entry : entries) {
            assertTrue(entry.path().equals(top) || entry.path().startsWith(top + "/"), entry.path());
            assertFalse(entry.groupOrOtherWritable(), entry.mode() + " " + entry.path());
        }
    }

    @Test
    void unpackedLauncherRunsTheDaemonAndChecksTheExampleConfiguration() {
        assumeTrue(Command.available("tar"), "tar is not installed; skipping");
        expectSuccess(Command.of("tar", "-xzf", Build.tarball().toString(), "-C", dir.toString()).run());
        Path home = dir.resolve(Build.distributionName());
        Map<String, String> env = Map.of("JAVA_HOME", System.getProperty("java.home"));

        Command.Result version = Command.of(home.resolve("bin/vigil").toString(), "-v").env(env).run();
        assertEquals("Vigil " + Build.version() + "\n", version.stdout(), version.describe());
        expectSuccess(Command.of(home.resolve("bin/vigil").toString(), "-t", "-f",
                home.resolve("etc/keepalived.conf").toString()).env(env).run());
    }
}
