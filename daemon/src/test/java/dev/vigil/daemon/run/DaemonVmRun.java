package dev.vigil.daemon.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.vigil.linux.testing.IpvsVmTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one of this module's {@link VmChecks} programs under a real IPVS kernel: boots
 * shared/tools/ipvs-vm once with the checkout writable and runs the program there with this
 * module's test class path, then asserts its summary. Skipped with a message when the tool is
 * not found (looked for as {@code shared/tools/ipvs-vm/ipvs-vm} in every parent folder, or
 * named by {@code -Dvigil.ipvsVm.tool=PATH}) and when {@code -Dvigil.ipvsVm=skip} is given.
 * The VM's output is kept in {@code target/ipvs-vm/OUTPUT}. Cost: one VM boot, about a minute.
 */
final class DaemonVmRun {

    private static final int VM_TIMEOUT_SECONDS = 600;

    private DaemonVmRun() {
    }

    /**
     * Runs {@code main} in the VM; fails unless it printed {@code summary} with no failure and
     * at least {@code minChecks} checks. {@code what} names the test in the skip message.
     */
    static void run(Class<?> main, String summary, String output, int minChecks, String what) throws Exception {
        assumeFalse("skip".equals(System.getProperty("vigil.ipvsVm")), "-Dvigil.ipvsVm=skip given");
        Pattern summaryLine = Pattern.compile(summary + " found=(\\d+) failed=(\\d+)");
        Path module = Path.of("").toAbsolutePath();
        Path tool = IpvsVmTool.find(module).orElseGet(() -> abort(IpvsVmTool.PATH + " not found in any parent of "
                + module + " (or -Dvigil.ipvsVm.tool): " + what + " did not run"));
        Path file = module.resolve("target/ipvs-vm/" + output);
        Files.createDirectories(file.getParent());
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        long t0 = System.nanoTime();
        String text = IpvsVmTool.run(tool, module.getParent(), VM_TIMEOUT_SECONDS, List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", classPath, main.getName()),
                module, file, summaryLine).output();
        System.out.printf("IPVS VM run took %d s%n", (System.nanoTime() - t0) / 1_000_000_000);
        text.lines().filter(l -> l.startsWith("CHECK ") || l.startsWith("FAILED ")).forEach(System.out::println);
        Matcher m = summaryLine.matcher(text);
        assertTrue(m.find(), "no summary from the VM:\n" + text);
        assertEquals("0", m.group(2), "failures in the VM:\n" + text);
        assertTrue(Integer.parseInt(m.group(1)) >= minChecks, "not every check ran:\n" + text);
    }
}
