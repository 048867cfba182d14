package dev.vigil.packaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .deb that {@code mvn verify} built: control fields, the file list with owners and
 * modes, the maintainer scripts, the extracted launcher running the real daemon, and (as
 * root) a full install, upgrade, remove and purge into a scratch root with dpkg.
 */
class DebPackageTest {

    private static final String JARS = "usr/share/vigil/lib/";

    @TempDir
    static Path work;

    private static Path deb;
    private static Path data;
    private static Path control;
    private static List<ArchiveEntry> entries;

    @BeforeAll
    static void unpack() throws IOException {
        assumeTrue(Command.available("dpkg-deb"), "dpkg-deb is not installed (apt-get install dpkg); skipping");
        deb = Build.deb();
        assertTrue(Files.isRegularFile(deb), "no package at " + deb);
        data = work.resolve("data");
        control = work.resolve("control");
        expectSuccess(Command.of("dpkg-deb", "-x", deb.toString(), data.toString()).run());
        expectSuccess(Command.of("dpkg-deb", "-e", deb.toString(), control.toString()).run());
        entries = ArchiveEntry.parseListing(expectSuccess(Command.of("dpkg-deb", "-c", deb.toString()).run()).stdout());
    }

    private static Command.Result expectSuccess(Command.Result result) {
        assertEquals(0, result.exitCode(), result.describe());
        return result;
    }

    private static Map<String, String> controlFields() {
        String text = expectSuccess(Command.of("dpkg-deb", "-f", deb.toString()).run()).stdout();
        Map<String, String> fields = new LinkedHashMap<>();
        String last = null;
        for (String line : text.split("\n")) {
            if (line.startsWith(" ") && last != null) {
                fields.merge(last, "\n" + line, String::concat);
            } else if (line.contains(":")) {
                last = line.substring(0, line.indexOf(':'));
                fields.put(last, line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return fields;
    }

    @Test
    void controlFieldsNameThePackageAndRecommendAJava25RuntimeWithoutDependingOnOne() {
        Map<String, String> fields = controlFields();

        assertEquals("vigil", fields.get("Package"));
        assertEquals(Build.debianVersion(), fields.get("Version"));
        assertEquals("amd64", fields.get("Architecture"), "Netty's native epoll jar is x86-64 only");
        assertEquals("net", fields.get("Section"));
        assertTrue(fields.get("Maintainer").matches(".+ <.+@.+>"), fields.get("Maintainer"));
        assertTrue(fields.get("Installed-Size").matches("\\d+"), fields.toString());
        assertTrue(fields.get("Description").startsWith("keepalived-compatible"), fields.get("Description"));
        // Debian 12 has no Java 25 package: a Depends could never be met there.
        assertFalse(fields.containsKey("Depends"), fields.toString());
        assertTrue(fields.get("Recommends").contains("temurin-25-jre"), fields.get("Recommends"));
        // keepalived may stay installed (for going back); the unit's Conflicts= keeps them apart at run time.
        assertFalse(fields.containsKey("Conflicts"), fields.toString());
    }

    @Test
    void installsTheLauncherUnitManPageDefaultsDocsAndEveryJarOwnedByRootWithSafeModes() throws IOException {
        Map<String, ArchiveEntry> byPath = entries.stream()
                .collect(Collectors.toMap(ArchiveEntry::path, Function.identity()));

        expectFile(byPath, "usr/share/vigil/bin/vigil", "-rwxr-xr-x");
        ArchiveEntry link = byPath.get("usr/bin/vigil");
        assertTrue(link != null && link.isLink(), "usr/bin/vigil should be a symbolic link: " + link);
        assertEquals("../share/vigil/bin/vigil", link.target().orElseThrow());
        expectFile(byPath, "lib/systemd/system/vigil.service", "-rw-r--r--");
        expectFile(byPath, "usr/share/man/man8/vigil.8.gz", "-rw-r--r--");
        expectFile(byPath, "etc/default/vigil", "-rw-r--r--");
        for (String doc : List.of("README.md", "MIGRATION.md", "OPERATIONS.md", "COMPATIBILITY.md", "STATUS.md",
                "examples/keepalived.conf")) {
            expectFile(byPath, "usr/share/doc/vigil/" + doc, "-rw-r--r--");
        }

        Set<String> shippedJars = jarNames(Build.lib());
        assertFalse(shippedJars.isEmpty(), "no jars in " + Build.lib());
        assertTrue(shippedJars.stream().anyMatch(j -> j.startsWith("vigil-daemon-")), shippedJars.toString());
        Set<String> packagedJars = entries.stream().filter(e -> e.path().startsWith(JARS))
                .map(e -> e.path().substring(JARS.length())).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(shippedJars, packagedJars);
        entries.stream().filter(e -> e.path().startsWith(JARS)).forEach(e -> assertEquals("-rw-r--r--", e.mode(), e.path()));

        for (ArchiveEntry entry : entries) {
            assertEquals("root/root", entry.owner(), entry.path());
            assertTrue(entry.isLink() || !entry.groupOrOtherWritable(), entry.mode() + " " + entry.path());
            String top = entry.path().split("/")[0];
            assertTrue(Set.of("", "etc", "lib", "usr").contains(top), "unexpected top-level path " + entry.path());
        }
    }

    private static void expectFile(Map<String, ArchiveEntry> byPath, String path, String mode) {
        ArchiveEntry entry = byPath.get(path);
        assertTrue(entry != null, path + " is missing from the package");
        assertEquals(mode, entry.mode(), path);
    }

    static Set<String> jarNames(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void maintainerScriptsAreTheCheckedOnesExecutableParseAsPosixShellAndSetE() throws IOException {
        for (String script : List.of("postinst", "prerm", "postrm")) {
            Path packaged = control.resolve(script);
            assertArrayEquals(Files.readAllBytes(Build.controlSources().resolve(script)), Files.readAllBytes(packaged),
                    script);
            assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(packaged)), script);
            String text = Files.readString(packaged);
            assertTrue(text.startsWith("#!/bin/sh\n"), script);
            assertTrue(text.contains("\nset -e\n"), script);
            expectSuccess(Command.of("sh", "-n", packaged.toString()).run());
            if (Command.available("bash")) {
                expectSuccess(Command.of("bash", "--posix", "-n", packaged.toString()).run());
            }
        }
        assertEquals("/etc/default/vigil\n", Files.readString(control.resolve("conffiles")));
        Set<String> summed = Files.readAllLines(control.resolve("md5sums")).stream()
                .map(line -> line.substring(line.indexOf("  ") + 2)).collect(Collectors.toSet());
        Set<String> files = entries.stream().filter(ArchiveEntry::isFile).map(ArchiveEntry::path)
                .collect(Collectors.toSet());
        assertEquals(files, summed);
    }

    @Test
    void manPageIsTheSourceGzipped() throws IOException {
        byte[] unzipped;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(data.resolve("usr/share/man/man8/vigil.8.gz")))) {
            unzipped = in.readAllBytes();
        }
        assertEquals(Files.readString(Build.distributionSources().resolve("man/vigil.8")),
                new String(unzipped, StandardCharsets.UTF_8));
    }

    @Test
    void extractedLauncherRunsTheDaemonWithThisJvm() {
        Map<String, String> env = Map.of("JAVA_HOME", System.getProperty("java.home"));
        Path launcher = data.resolve("usr/bin/vigil");

        Command.Result version = Command.of(launcher.toString(), "--version").env(env).run();
        assertEquals(0, version.exitCode(), version.describe());
        assertEquals("Vigil " + Build.version() + "\n", version.stdout());

        Command.Result test = Command.of(launcher.toString(), "-t", "-f",
                data.resolve("usr/share/doc/vigil/examples/keepalived.conf").toString()).env(env).run();
        assertEquals(0, test.exitCode(), test.describe());
    }

    @Test
    void installsUpgradesRemovesAndPurgesInAScratchRoot() throws IOException {
        assumeTrue(Command.available("dpkg"), "dpkg is not installed; skipping the install test");
        assumeTrue("root".equals(System.getProperty("user.name")), "dpkg --root needs root; skipping the install test");
        Path root = work.resolve("root");
        Files.createDirectories(root.resolve("var/lib/dpkg/info"));
        Files.createDirectories(root.resolve("var/lib/dpkg/updates"));
        Files.writeString(root.resolve("var/lib/dpkg/status"), "");

        Command.Result install = dpkg(root, "-i", deb.toString());
        assertTrue(install.stdout().contains("installed, not enabled"), install.describe());
        assertEquals("install ok installed", status(root));
        assertTrue(Files.isDirectory(root.resolve("var/cache/vigil")), "the launcher's archive directory");
        Command.Result version = Command.of(root.resolve("usr/bin/vigil").toString(), "--version")
                .env(Map.of("JAVA_HOME", System.getProperty("java.home"))).run();
        assertEquals("Vigil " + Build.version() + "\n", version.stdout(), version.describe());

        // An operator's change to the conffile survives the upgrade (same version reinstalled: configure with $2 set).
        Path defaults = root.resolve("etc/default/vigil");
        Files.writeString(defaults, Files.readString(defaults) + "DAEMON_ARGS=\"-D\"\n");
        Path archive = root.resolve("var/cache/vigil/vigil-25.0.3.jsa");
        Files.writeString(archive, "archive of the previous jars");
        Command.Result upgrade = dpkg(root, "--force-confold", "-i", deb.toString());
        assertFalse(upgrade.stdout().contains("installed, not enabled"), upgrade.describe());
        assertFalse(Files.exists(archive), "an upgrade drops the archive of the previous jars");
        assertTrue(Files.readString(defaults).endsWith("DAEMON_ARGS=\"-D\"\n"));

        dpkg(root, "-r", "vigil");
        assertFalse(Files.exists(root.resolve("usr/bin/vigil"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(root.resolve("usr/share/vigil")));
        assertTrue(Files.exists(defaults), "remove keeps the conffile");
        assertEquals("deinstall ok config-files", status(root));

        Path wants = Files.createDirectories(root.resolve("etc/systemd/system/multi-user.target.wants"));
        Files.createSymbolicLink(wants.resolve("vigil.service"), Path.of("/lib/systemd/system/vigil.service"));
        dpkg(root, "-P", "vigil");
        assertFalse(Files.exists(defaults), "purge removes the conffile");
        assertFalse(Files.exists(root.resolve("var/cache/vigil")), "purge removes the archive directory");
        assertFalse(Files.exists(wants.resolve("vigil.service"), java.nio.file.LinkOption.NOFOLLOW_LINKS),
                "purge removes the enablement link");
        assertEquals("", status(root));
    }

    /**
     * dpkg on the scratch root; maintainer scripts run on the host with DPKG_ROOT set (they
     * touch nothing outside it and skip systemctl then).
     */
    private static Command.Result dpkg(Path root, String... args) {
        List<String> argv = new java.util.ArrayList<>(List.of("dpkg", "--root=" + root, "--force-script-chrootless",
                "--log=/dev/null"));
        argv.addAll(List.of(args));
        return expectSuccess(Command.of(argv).run());
    }

    /** The Status field of vigil in the scratch root's dpkg database, or "" when dpkg has forgotten it. */
    private static String status(Path root) throws IOException {
        String db = Files.readString(root.resolve("var/lib/dpkg/status"));
        for (String stanza : db.split("\n\n")) {
            if (stanza.startsWith("Package: vigil\n")) {
                return stanza.lines().filter(l -> l.startsWith("Status: ")).map(l -> l.substring(8)).findFirst()
                        .orElse("");
            }
        }
        return "";
    }
}
