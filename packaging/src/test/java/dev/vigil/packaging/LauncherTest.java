package dev.vigil.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installed launcher (packaging/src/main/dist/bin/vigil) in a scratch layout, with fake
 * Java runtimes that print their arguments: which runtime it picks, which JVM flags it passes,
 * and what it says when there is none. The real JVM run is in {@link DebPackageTest} and
 * {@link TarballTest}.
 */
class LauncherTest {

    @TempDir
    Path dir;

    private Path home;
    private Path jvms;
    private Path tools;

    @BeforeEach
    void layout() throws IOException {
        home = dir.resolve("vigil");
        Files.createDirectories(home.resolve("bin"));
        Files.createDirectories(home.resolve("lib"));
        Files.copy(Build.distributionSources().resolve("bin/vigil"), home.resolve("bin/vigil"));
        Files.writeString(home.resolve("lib/vigil-daemon-1.0.jar"), "");
        jvms = Files.createDirectories(dir.resolve("jvm"));
        // PATH holds only the tools the launcher uses, so the host's own java stays out of sight.
        tools = Files.createDirectories(dir.resolve("tools"));
        for (String tool : List.of("readlink", "dirname", "find", "head", "sed", "rm")) {
            Path real = List.of(Path.of("/usr/bin", tool), Path.of("/bin", tool)).stream()
                    .filter(Files::isExecutable).findFirst().orElseThrow(() -> new AssertionError("no " + tool));
            executable(tools.resolve(tool), "#!/bin/sh\nexec " + real + " \"$@\"\n");
        }
    }

    /** A runtime under {@code parent}/{@code name} whose java prints "NAME args..." and its version banner. */
    private Path fakeRuntime(Path parent, String name, String releaseVersion, String banner) throws IOException {
        Path runtime = parent.resolve(name);
        Files.createDirectories(runtime.resolve("bin"));
        if (releaseVersion != null) {
            Files.writeString(runtime.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + releaseVersion + "\"\n");
        }
        executable(runtime.resolve("bin/java"), """
                #!/bin/sh
                if [ "$1" = "-version" ]; then echo '%s' >&2; exit 0; fi
                printf '%%s' "%s"; for a in "$@"; do printf ' [%%s]' "$a"; done; echo
                """.formatted(banner, name));
        return runtime;
    }

    private static void executable(Path file, String script) throws IOException {
        Files.writeString(file, script);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Command.Result launch(Map<String, String> env, String... args) {
        Map<String, String> all = new HashMap<>(Map.of("PATH", tools.toString(), "VIGIL_JVM_DIRS", jvms.toString(),
                "JAVA_HOME", "", "VIGIL_JAVA_OPTS", "", "VIGIL_CACHE_DIR", dir.resolve("no-cache").toString()));
        all.putAll(env);
        List<String> argv = new java.util.ArrayList<>(List.of("/bin/sh", home.resolve("bin/vigil").toString()));
        argv.addAll(List.of(args));
        return Command.of(argv).env(all).run();
    }

    @Test
    void picksTheNewestRuntimeOfVersion25OrLaterAndPassesTheDaemonsJvmFlags() throws IOException {
        fakeRuntime(jvms, "jdk-17", "17.0.15", "openjdk version \"17.0.15\"");
        fakeRuntime(jvms, "jdk-25", "25.0.3", "openjdk version \"25.0.3\"");
        fakeRuntime(jvms, "jdk-26", "26", "openjdk version \"26\"");
        Files.createSymbolicLink(jvms.resolve("jdk-99-link"), jvms.resolve("jdk-17"));

        Command.Result run = launch(Map.of(), "-t", "-f", "my file.conf");

        assertEquals(0, run.exitCode(), run.describe());
        assertEquals("jdk-26 [--enable-native-access=ALL-UNNAMED] [--add-opens] [java.base/jdk.internal.misc=ALL-UNNAMED]"
                + " " + MEMORY_DEFAULTS + " [-cp] [" + home.toRealPath().resolve("lib") + "/*] [dev.vigil.daemon.Main] [-t] [-f] [my file.conf]\n",
                run.stdout(), run.describe());
    }

    @Test
    void javaHomeWinsWhenItIsRecentEnoughAndIsSkippedWhenItIsNot() throws IOException {
        fakeRuntime(jvms, "jdk-26", "26.0.1", "openjdk version \"26.0.1\"");
        Path own = fakeRuntime(Files.createDirectories(dir.resolve("opt")), "jdk-25", "25", "x");
        Path old = fakeRuntime(dir.resolve("opt"), "jdk-21", "21.0.2", "x");

        assertTrue(launch(Map.of("JAVA_HOME", own.toString()), "-v").stdout().startsWith("jdk-25 "));
        assertTrue(launch(Map.of("JAVA_HOME", old.toString()), "-v").stdout().startsWith("jdk-26 "));
    }

    @Test
    void readsTheVersionFromJavaWhenTheReleaseFileIsMissingAndFallsBackToJavaOnPath() throws IOException {
        Path onPath = fakeRuntime(Files.createDirectories(dir.resolve("usr-lib")), "jre-25", null,
                "openjdk version \"25.0.1\" 2025-10-21");
        Files.createSymbolicLink(tools.resolve("java"), onPath.resolve("bin/java"));

        Command.Result run = launch(Map.of(), "--version");

        assertEquals(0, run.exitCode(), run.describe());
        assertTrue(run.stdout().startsWith("jre-25 "), run.describe());
    }

    @Test
    void splitsVigilJavaOptsIntoSeparateJvmArguments() throws IOException {
        fakeRuntime(jvms, "jdk-25", "25.0.3", "x");

        String out = launch(Map.of("VIGIL_JAVA_OPTS", "-Xmx96m -Dvigil.x=1"), "-v").stdout();

        assertTrue(out.contains("[java.base/jdk.internal.misc=ALL-UNNAMED] " + MEMORY_DEFAULTS
                + " [-Xmx96m] [-Dvigil.x=1] [-cp]"), out);
    }

    /** The launcher's JVM memory defaults, as the fake java prints them. */
    private static final String MEMORY_DEFAULTS =
            "[-XX:+UseSerialGC] [-Xms8m] [-XX:TieredStopAtLevel=1] [-XX:TrimNativeHeapInterval=10000]"
            + " [-Dio.netty.jfr.enabled=false]";

    @Test
    void aCollectorInVigilJavaOptsReplacesTheSerialOneWhichTheJvmWouldRefuseAsASecond() throws IOException {
        fakeRuntime(jvms, "jdk-25", "25.0.3", "x");

        String out = launch(Map.of("VIGIL_JAVA_OPTS", "-XX:+UseG1GC -Xmx1g"), "-v").stdout();

        assertTrue(out.contains("[java.base/jdk.internal.misc=ALL-UNNAMED] [-Xms8m] [-XX:TieredStopAtLevel=1]"
                + " [-XX:TrimNativeHeapInterval=10000] [-Dio.netty.jfr.enabled=false] [-XX:+UseG1GC] [-Xmx1g] [-cp]"), out);
    }

    @Test
    void theUserspaceForwarderRunsOnZgcWithTheJvmsSizingAndBothCompilers() throws IOException {
        fakeRuntime(jvms, "jdk-25", "25.0.3", "x");

        for (String[] args : new String[][] {{"--backend", "userspace", "-v"}, {"--backend=userspace", "-v"}}) {
            String out = launch(Map.of(), args).stdout();
            assertTrue(out.contains("[java.base/jdk.internal.misc=ALL-UNNAMED] [-XX:+UseZGC]"
                    + " [-XX:TrimNativeHeapInterval=10000] [-Dio.netty.jfr.enabled=false] [-cp]"), out);
        }
        String g1 = launch(Map.of("VIGIL_JAVA_OPTS", "-XX:+UseG1GC"), "--backend", "userspace", "-v").stdout();
        assertTrue(g1.contains("[java.base/jdk.internal.misc=ALL-UNNAMED] [-XX:TrimNativeHeapInterval=10000]"
                + " [-Dio.netty.jfr.enabled=false] [-XX:+UseG1GC] [-cp]"), g1);
        String kernel = launch(Map.of(), "--backend", "kernel", "-v").stdout();
        assertTrue(kernel.contains(MEMORY_DEFAULTS), kernel);
    }

    @Test
    void aDaemonRunWritesAndUsesTheClassArchiveInTheCacheDirectoryNamedAfterTheRuntime() throws IOException {
        fakeRuntime(jvms, "jdk-25", "25.0.3", "x");
        Path cache = Files.createDirectories(dir.resolve("cache"));
        String archive = cache + "/vigil-25.0.3.jsa";

        String daemon = launch(Map.of("VIGIL_CACHE_DIR", cache.toString()), "-f", "k.conf", "-D").stdout();
        assertTrue(daemon.contains(MEMORY_DEFAULTS + " [-XX:SharedArchiveFile=" + archive
                + "] [-XX:+AutoCreateSharedArchive] [-Xlog:cds*=off] [-cp]"), daemon);

        // Short runs would write an archive of the few classes they load: they only read one.
        String check = launch(Map.of("VIGIL_CACHE_DIR", cache.toString()), "-t", "-f", "k.conf").stdout();
        assertFalse(check.contains("SharedArchiveFile"), check);
        Files.writeString(Path.of(archive), "archive");
        for (List<String> args : List.of(List.of("-t", "-f", "k.conf"), List.of("ctl", "status"), List.of("--version"))) {
            String out = launch(Map.of("VIGIL_CACHE_DIR", cache.toString()), args.toArray(String[]::new)).stdout();
            assertTrue(out.contains(MEMORY_DEFAULTS + " [-XX:SharedArchiveFile=" + archive + "] [-Xlog:cds*=off] [-cp]"),
                    args + ": " + out);
        }
    }

    @Test
    void anArchiveOlderThanTheJarsIsRemovedSoTheNextDaemonRunWritesAFreshOne() throws IOException {
        fakeRuntime(jvms, "jdk-25", "25.0.3", "x");
        Path cache = Files.createDirectories(dir.resolve("cache"));
        Path archive = cache.resolve("vigil-25.0.3.jsa");
        Files.writeString(archive, "archive of the previous jars");
        Files.setLastModifiedTime(archive, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));

        String out = launch(Map.of("VIGIL_CACHE_DIR", cache.toString()), "-t", "-f", "k.conf").stdout();

        assertFalse(Files.exists(archive), "the jars' inode change time is newer than the archive");
        assertFalse(out.contains("SharedArchiveFile"), out);
    }

    @Test
    void noArchiveWhenTurnedOffOrWhenVigilJavaOptsBringsItsOwn() throws IOException {
        fakeRuntime(jvms, "jdk-25", "25.0.3", "x");
        Path cache = Files.createDirectories(dir.resolve("cache"));

        String off = launch(Map.of("VIGIL_CACHE_DIR", "none"), "-f", "k.conf").stdout();
        String own = launch(Map.of("VIGIL_CACHE_DIR", cache.toString(), "VIGIL_JAVA_OPTS", "-XX:AOTCache=/x.aot"),
                "-f", "k.conf").stdout();

        assertFalse(off.contains("SharedArchiveFile"), off);
        assertTrue(own.contains(MEMORY_DEFAULTS + " [-XX:AOTCache=/x.aot] [-cp]"), own);
    }

    @Test
    void withoutARecentRuntimeItSaysWhereItLookedAndExitsOne() throws IOException {
        fakeRuntime(jvms, "jdk-17", "17.0.15", "x");
        Path old = fakeRuntime(Files.createDirectories(dir.resolve("path-java")), "jdk-21", null,
                "openjdk version \"21.0.2\"");
        Files.createSymbolicLink(tools.resolve("java"), old.resolve("bin/java"));

        Command.Result run = launch(Map.of("JAVA_HOME", "/nonexistent"), "-v");

        assertEquals(1, run.exitCode(), run.describe());
        assertEquals("", run.stdout());
        assertTrue(run.stderr().contains("no Java 25 or newer found (looked at JAVA_HOME=/nonexistent, " + jvms
                + "/* and java on PATH)"), run.stderr());
        assertTrue(run.stderr().contains("/etc/default/vigil"), run.stderr());
    }

    @Test
    void refusesToRunOutsideTheInstalledLayout() throws IOException {
        fakeRuntime(jvms, "jdk-25", "25", "x");
        Files.delete(home.resolve("lib/vigil-daemon-1.0.jar"));

        Command.Result run = launch(Map.of(), "-v");

        assertEquals(1, run.exitCode(), run.describe());
        assertTrue(run.stderr().contains("no vigil-daemon jar in " + home.toRealPath().resolve("lib")), run.stderr());
    }

    @Test
    void findsItsJarsThroughASymbolicLinkAsDebiansUsrBinVigilIs() throws IOException {
        fakeRuntime(jvms, "jdk-25", "25", "x");
        Path usrBin = Files.createDirectories(dir.resolve("usr/bin"));
        Files.createSymbolicLink(usrBin.resolve("vigil"), Path.of("../../vigil/bin/vigil"));

        Command.Result run = Command.of("/bin/sh", usrBin.resolve("vigil").toString(), "-v")
                .env(Map.of("PATH", tools.toString(), "VIGIL_JVM_DIRS", jvms.toString(), "JAVA_HOME", "")).run();

        assertEquals(0, run.exitCode(), run.describe());
        assertTrue(run.stdout().contains("[" + home.toRealPath().resolve("lib") + "/*]"), run.stdout());
    }

    @Test
    void isPosixShell() {
        Command.Result run = Command.of("sh", "-n", Build.distributionSources().resolve("bin/vigil").toString()).run();
        assertEquals(0, run.exitCode(), run.describe());
    }
}
