package dev.vigil.linux.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.linux.testing.NetnsLab;
import dev.vigil.linux.testing.RawSocketProbeMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Runs a small Java program with CAP_NET_RAW removed from its bounding set (setpriv, so
 * even root lacks it after exec) and checks the operator sees one clear line.
 */
@Tag("netns")
class MissingCapabilityTest {

    @Test
    void rawSocketWithoutCapNetRawSaysSoInOneLine() throws Exception {
        assertEquals("socket(AF_INET, SOCK_RAW, 112): EPERM (Operation not permitted) (needs CAP_NET_RAW)",
                runWithout("net_raw", "raw"));
    }

    @Test
    void addressChangeWithoutCapNetAdminSaysSoInOneLine() throws Exception {
        assertEquals("RTM_NEWADDR 10.205.0.1/32 ifindex 1: EPERM (Operation not permitted) (needs CAP_NET_ADMIN)",
                runWithout("net_admin", "address"));
    }

    /** Runs the probe program in a fresh namespace without {@code capability}; returns its error line. */
    private static String runWithout(String capability, String mode) throws Exception {
        NetnsLab.assumeAvailable();
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "skipping: setpriv (util-linux) is not installed");
        try (NetnsLab lab = new NetnsLab()) {
            String ns = lab.namespace("nocap");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            NetnsLab.Result result = NetnsLab.run(List.of("ip", "netns", "exec", ns,
                    "setpriv", "--bounding-set=-" + capability, "--inh-caps=-" + capability, "--",
                    java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                    RawSocketProbeMain.class.getName(), mode));
            assertEquals(3, result.exitCode(), "stdout: " + result.stdout() + " stderr: " + result.stderr());
            assertTrue(result.stdout().isEmpty(), result.stdout());
            String stderr = result.stderr().strip();
            assertFalse(stderr.contains("\n"), "one line, no stack trace: " + stderr);
            return stderr;
        }
    }
}
