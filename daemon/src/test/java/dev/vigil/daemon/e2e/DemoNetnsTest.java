package dev.vigil.daemon.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.linux.testing.NetnsLab;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@code vigil demo} script ({@code packaging/src/main/dist/demo/vigil-demo}) end to
 * end, non-interactively, with short phases: two directors with VRRP and the userspace
 * forwarder, two real servers and a client in namespaces prefixed {@code vigil-demo-}.
 *
 * <p>The daemons and {@code vigil ctl} run through a small wrapper that starts this JVM's
 * {@code java} with the test class path, so the test needs no packaged build. It asserts the
 * script's exit status 0 (failover under 4 s, no request lost after the backup took the VIP),
 * the timeline's key lines, and that no {@code vigil-demo-} namespace is left behind.
 */
@Tag("netns")
class DemoNetnsTest {

    private static final Logger LOG = LoggerFactory.getLogger(DemoNetnsTest.class);
    private static final Path SCRIPT = Path.of("..", "packaging", "src", "main", "dist", "demo", "vigil-demo");
    private static final String PREFIX = "vigil-demo-";
    /** Matches the script's result line; the numbers are the failover time and lost requests. */
    private static final Pattern RESULT = Pattern.compile(
            "RESULT: failover time (\\d+) ms \\(limit 4000 ms\\); requests lost after director-b held the VIP: (\\d+)");
    /** The demo's acceptance bound on the failover, as the script checks it. */
    private static final long FAILOVER_LIMIT_MS = 4000;

    @TempDir
    Path dir;

    private Process demo;

    @BeforeEach
    void setUp() throws Exception {
        NetnsLab.assumeAvailable();
        NetnsLab.Result python;
        try {
            python = NetnsLab.run(List.of("python3", "--version"));
        } catch (java.io.IOException e) {
            python = new NetnsLab.Result(127, "", e.getMessage());
        }
        assumeTrue(python.exitCode() == 0, "skipping: the demo needs python3 (" + python.stderr().strip() + ")");
        assumeTrue(!demoNamespacesExist(), "skipping: a vigil-demo lab is already running on this machine");
        assumeTrue(Files.isRegularFile(SCRIPT), "skipping: demo script not found at " + SCRIPT.toAbsolutePath());
    }

    @AfterEach
    void tearDown() throws Exception {
        if (demo != null && demo.isAlive()) {
            demo.destroy();
            if (!demo.waitFor(20, TimeUnit.SECONDS)) {
                demo.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (demoNamespacesExist()) {
            new ProcessBuilder("bash", SCRIPT.toString(), "--clean").redirectErrorStream(true)
                    .redirectOutput(dir.resolve("clean.log").toFile()).start().waitFor(60, TimeUnit.SECONDS);
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void theDemoShowsAFailoverUnderFourSecondsWithoutLosingRequestsAfterTakeover() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", SCRIPT.toString(), "--vigil", wrapper().toString(),
                "--phase-seconds", "2").redirectErrorStream(true).redirectOutput(dir.resolve("demo.out").toFile());
        builder.environment().put("VIGIL_DEMO_DIR", dir.resolve("lab").toString());
        demo = builder.start();
        boolean ended = demo.waitFor(4, TimeUnit.MINUTES);
        String output = Files.readString(dir.resolve("demo.out"), StandardCharsets.UTF_8);
        LOG.info("demo output:\n{}", output);
        assertTrue(ended, "the demo ended within 4 minutes:\n" + output);
        assertEquals(0, demo.exitValue(), "demo exit status:\n" + output);

        Matcher result = RESULT.matcher(output);
        assertTrue(result.find(), "result line:\n" + output);
        assertTrue(Long.parseLong(result.group(1)) < FAILOVER_LIMIT_MS, output);
        assertEquals("0", result.group(2), output);
        for (String line : List.of("FAILOVER: director-a's link (veth0) is down",
                "director-b holds the VIP", "rs2 left director-b's table", "RECOVERY:",
                "director-a holds the VIP again", "PASS", "lab removed")) {
            assertTrue(output.contains(line), "expected \"" + line + "\" in:\n" + output);
        }
        assertTrue(output.contains("-> " + "10.213.0.11:8080") && output.contains("10.213.0.100:80"),
                "an ipvsadm-style table with the virtual and a real server:\n" + output);
        assertTrue(!demoNamespacesExist(), "the demo deleted its namespaces");
    }

    /** A stand-in for the launcher: this JVM's java with the test class path and Vigil's main. */
    private Path wrapper() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Path wrapper = dir.resolve("vigil");
        Files.writeString(wrapper, """
                #!/usr/bin/env bash
                exec '%s' --enable-native-access=ALL-UNNAMED --add-opens java.base/jdk.internal.misc=ALL-UNNAMED \\
                    -cp '%s' dev.vigil.daemon.Main "$@"
                """.formatted(java, System.getProperty("java.class.path")));
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        return wrapper;
    }

    private static boolean demoNamespacesExist() throws Exception {
        NetnsLab.Result list = NetnsLab.run(List.of("ip", "netns", "list"));
        return list.stdout().lines().anyMatch(line -> line.startsWith(PREFIX));
    }
}
