package dev.vigil.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.daemon.cli.VigilCommand;
import dev.vigil.daemon.control.ControlServerSettings;
import dev.vigil.daemon.run.PidFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * vigil.service against the daemon it starts: the command line parses with the real CLI, the
 * default pid file and control socket live in its RuntimeDirectory, the privileges are the
 * ones argued for in its comments, and systemd-analyze accepts it.
 */
class SystemdUnitTest {

    private static final Path UNIT = Build.distributionSources().resolve("systemd/vigil.service");
    private static final Path DEFAULTS = Build.distributionSources().resolve("default/vigil");

    @TempDir
    Path dir;

    private static UnitFile unit() throws IOException {
        return UnitFile.parse(Files.readString(UNIT));
    }

    /** The environment systemd gives ExecStart: Environment= first, then /etc/default/vigil over it. */
    private static Map<String, String> serviceEnvironment(Map<String, String> defaultsFile) throws IOException {
        Map<String, String> env = new HashMap<>(unit().environment());
        env.putAll(defaultsFile);
        return env;
    }

    private static VigilCommand parse(List<String> argv) {
        assertEquals("/usr/bin/vigil", argv.getFirst(), "the .deb installs the launcher there");
        VigilCommand command = new VigilCommand();
        new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true)
                .parseArgs(argv.subList(1, argv.size()).toArray(String[]::new));
        return command;
    }

    @Test
    void execStartParsesWithTheRealCommandLineAndReadsKeepalivedsFile() throws IOException {
        String execStart = unit().one("Service", "ExecStart");
        Map<String, String> shipped = UnitFile.environmentFile(Files.readString(DEFAULTS));

        List<String> argv = UnitFile.expand(execStart, serviceEnvironment(shipped));
        parse(argv);
        assertEquals(List.of("/usr/bin/vigil", "--dont-fork", "--log-console", "--use-file",
                "/etc/keepalived/keepalived.conf"), argv);

        // The example in /etc/default/vigil, and a configuration file elsewhere.
        Matcher example = Pattern.compile("e\\.g\\. \"([^\"]+)\"").matcher(Files.readString(DEFAULTS));
        assertTrue(example.find(), "no DAEMON_ARGS example in " + DEFAULTS);
        Map<String, String> edited = Map.of("DAEMON_ARGS", example.group(1), "VIGIL_CONFIG", "/etc/vigil/a b.conf");
        List<String> custom = UnitFile.expand(execStart, serviceEnvironment(edited));
        parse(custom);
        assertTrue(custom.contains("/etc/vigil/a b.conf"), custom.toString());
        assertTrue(custom.containsAll(List.of(example.group(1).split(" "))), custom.toString());
    }

    @Test
    void pidFileControlSocketAndDumpsLiveInTheRuntimeDirectory() throws IOException {
        UnitFile unit = unit();
        Path runtime = Path.of("/run", unit.one("Service", "RuntimeDirectory"));

        assertEquals(runtime, Path.of(PidFile.DEFAULT).getParent());
        assertEquals(runtime, ControlServerSettings.DEFAULT_SOCKET.getParent());
        assertEquals(runtime.toString(), unit.environment().get("TMPDIR"));
        // The launcher's class data sharing archive: systemd creates the directory, writable
        // under ProtectSystem=, and passes it as $CACHE_DIRECTORY.
        assertEquals("vigil", unit.one("Service", "CacheDirectory"));
    }

    @Test
    void notifyTypeSighupReloadAndOnlyTheNeededCapabilities() throws IOException {
        UnitFile unit = unit();

        assertEquals("notify", unit.one("Service", "Type"));
        assertEquals("/bin/kill -HUP $MAINPID", unit.one("Service", "ExecReload"));
        assertEquals("keepalived.service", unit.one("Unit", "Conflicts"));
        assertEquals(Set.of("CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_NET_BIND_SERVICE", "CAP_SETUID", "CAP_SETGID",
                "CAP_KILL"), Set.of(unit.one("Service", "CapabilityBoundingSet").split(" ")));
        assertEquals(Set.of("AF_INET", "AF_INET6", "AF_NETLINK", "AF_PACKET", "AF_UNIX"),
                Set.of(unit.one("Service", "RestrictAddressFamilies").split(" ")));
        assertTrue(unit.all("Service", "User").isEmpty(), "runs as root: runuser for script_user needs it");
        assertTrue(unit.all("Service", "NoNewPrivileges").isEmpty(), "would break sudo in script_user scripts");
        assertTrue(unit.all("Service", "MemoryDenyWriteExecute").isEmpty(), "the JIT needs writable code");
        // Every variable the unit reads is explained in /etc/default/vigil.
        String defaults = Files.readString(DEFAULTS);
        for (String variable : List.of("VIGIL_CONFIG", "DAEMON_ARGS", "JAVA_HOME", "VIGIL_JAVA_OPTS")) {
            assertTrue(defaults.contains(variable + "="), variable);
        }
    }

    @Test
    void systemdAnalyzeVerifiesTheUnitAndRatesItsExposure() throws IOException {
        assumeTrue(Command.available("systemd-analyze"), "systemd-analyze is not installed; skipping");
        // verify checks that ExecStart exists: point it at the launcher in the source tree.
        Path copy = dir.resolve("vigil.service");
        Files.writeString(copy, Files.readString(UNIT).replace("/usr/bin/vigil",
                Build.distributionSources().resolve("bin/vigil").toString()));

        Command.Result verify = Command.of("systemd-analyze", "verify", "--man=no", copy.toString()).run();
        assertEquals(0, verify.exitCode(), verify.describe());
        assertFalse((verify.stdout() + verify.stderr()).contains("vigil.service:"), verify.describe());

        Command.Result security = Command.of("systemd-analyze", "security", "--offline=true", copy.toString()).run();
        assumeTrue(security.exitCode() == 0 || security.stdout().contains("Overall exposure"),
                "this systemd-analyze cannot rate a unit file offline: " + security.stderr());
        Matcher exposure = Pattern.compile("Overall exposure level for vigil\\.service: (\\d+\\.\\d)").matcher(
                security.stdout());
        assertTrue(exposure.find(), security.describe());
        double level = Double.parseDouble(exposure.group(1));
        System.out.println("systemd-analyze security: exposure " + level + " (0 = locked down, 10 = unprotected)");
        assertTrue(level < 5.0, "exposure " + level + ": systemd rates 5.0 and more as MEDIUM, below is OK");
    }
}
