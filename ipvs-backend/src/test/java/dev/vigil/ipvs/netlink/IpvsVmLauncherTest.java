package dev.vigil.ipvs.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.vigil.linux.testing.IpvsVmTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs the {@value IpvsVm#TAG} tests under a real IPVS kernel: boots shared/tools/ipvs-vm once
 * with this module's folder writable, runs {@link IpvsVmMain} there on this JVM with the test
 * class path, and asserts that they all passed. Part of {@code mvn verify}; skipped with a
 * message when the tool is not found (it is looked for as {@code shared/tools/ipvs-vm/ipvs-vm}
 * in every parent folder of the module, or named by {@code -Dvigil.ipvsVm.tool=PATH}) and
 * when {@code -Dvigil.ipvsVm=skip} is given. Cost: one VM boot, about a minute under
 * software emulation. The VM's output is kept in {@code target/ipvs-vm/vm-output.txt}.
 */
class IpvsVmLauncherTest {

    /** The VM's own limit (ipvs-vm --timeout); generous because the host may be busy. */
    private static final int VM_TIMEOUT_SECONDS = 900;
    private static final Pattern SUMMARY = Pattern.compile(Pattern.quote(IpvsVmMain.SUMMARY)
            + " found=(\\d+) succeeded=(\\d+) failed=(\\d+) skipped=(\\d+)");

    @Test
    void ipvsVmTestsPassUnderARealKernel() throws Exception {
        assumeFalse(IpvsVm.inside(), "already inside the IPVS VM");
        assumeFalse("skip".equals(System.getProperty("vigil.ipvsVm")), "-Dvigil.ipvsVm=skip given");
        Path module = Path.of("").toAbsolutePath();
        Path tool = IpvsVmTool.find(module).orElseGet(() -> abort(IpvsVmTool.PATH + " not found in any parent of "
                + module + " (or -Dvigil.ipvsVm.tool): the kernel IPVS tests (tag " + IpvsVm.TAG + ") did not run"));
        Path output = module.resolve("target/ipvs-vm/vm-output.txt");
        Files.createDirectories(output.getParent());
        // The whole checkout is shared with the guest: the test class path names the other
        // modules' target folders too, and a checkout under /tmp would otherwise be invisible
        // there (the guest's /tmp is an empty tmpfs).
        IpvsVmTool.Run vm = IpvsVmTool.run(tool, module.getParent(), VM_TIMEOUT_SECONDS, List.of("env",
                IpvsVm.MARKER + "=1", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", testClassPath(), IpvsVmMain.class.getName()),
                module, output, SUMMARY);
        String text = vm.output();
        Matcher m = SUMMARY.matcher(text);
        assertTrue(m.find(), "no test summary from the VM (exit " + vm.exitCode() + "):\n" + text);
        assertEquals("0", m.group(3), "failures in the VM:\n" + text);
        assertEquals("0", m.group(4), "skipped tests in the VM:\n" + text);
        assertTrue(Integer.parseInt(m.group(2)) > 0, "no test ran in the VM:\n" + text);
        assertEquals(0, vm.exitCode(), text);
    }

    /** Surefire names the test class path in this property; java.class.path may be its booter jar. */
    private static String testClassPath() throws IOException {
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        if (path == null || path.isBlank()) {
            throw new IOException("no test class path to give the VM's JVM");
        }
        return path;
    }
}
