package dev.vigil.ipvs.netlink;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Helpers for the tests tagged {@code ipvs-vm}: they run only inside the IPVS virtual
 * machine (shared/tools/ipvs-vm), where {@link IpvsVmLauncherTest} starts them with the
 * environment variable {@value #MARKER}=1, and skip with a message everywhere else.
 */
final class IpvsVm {

    /** Set to 1 by the launcher inside the VM. */
    static final String MARKER = "VIGIL_IPVS_VM";
    /** The JUnit tag of the tests that need the VM's kernel. */
    static final String TAG = "ipvs-vm";

    private IpvsVm() {
    }

    static boolean inside() {
        return "1".equals(System.getenv(MARKER));
    }

    /** Skips the calling test unless it runs inside the VM and the kernel answers as IPVS. */
    static void assumeKernelIpvs() {
        assumeTrue(inside(), "needs the kernel's IPVS: runs inside shared/tools/ipvs-vm (" + MARKER
                + "=1), started by IpvsVmLauncherTest during mvn verify");
        IpvsProbe probe = NetlinkIpvsBackend.probe();
        assumeTrue(probe.isAvailable(), "inside the VM but the kernel backend is unavailable: " + probe);
    }

    /** Runs a command, waits up to 30 s, and returns its standard output; fails on a non-zero exit. */
    static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(command + " did not finish within 30 s");
            }
            if (p.exitValue() != 0) {
                throw new AssertionError(command + " exited with " + p.exitValue() + ": "
                        + new String(out, StandardCharsets.UTF_8));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + command, e);
        }
    }

    /** {@code sh -c script}. */
    static String shell(String script) {
        return run(List.of("/bin/sh", "-c", script));
    }
}
