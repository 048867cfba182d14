package dev.vigil.daemon.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code lvs_timeouts} on the kernel backend, against keepalived, under a real IPVS kernel:
 * boots shared/tools/ipvs-vm once with the checkout writable and runs
 * {@link KernelTimeoutsVmMain} there with this module's test class path. Skipped with a
 * message when the tool is not found (looked for as {@code shared/tools/ipvs-vm/ipvs-vm} in
 * every parent folder, or named by {@code -Dvigil.ipvsVm.tool=PATH}) and when
 * {@code -Dvigil.ipvsVm=skip} is given. The VM's output is kept in
 * {@code target/ipvs-vm/timeouts-output.txt}. Cost: one VM boot, about a minute.
 */
class KernelTimeoutsVmTest {

    private static final String TOOL = "shared/tools/ipvs-vm/ipvs-vm";
    private static final int VM_TIMEOUT_SECONDS = 600;
    /** The first line HotSpot prints when it dies (hs_err). */
    private static final String JVM_CRASH = "A fatal error has been detected by the Java Runtime Environment";
    private static final Pattern SUMMARY = Pattern.compile(KernelTimeoutsVmMain.SUMMARY + " found=(\\d+) failed=(\\d+)");

    @Test
    void keepalivedAndVigilSetAndRestoreTheSameKernelTimeouts() throws Exception {
        assumeFalse("skip".equals(System.getProperty("vigil.ipvsVm")), "-Dvigil.ipvsVm=skip given");
        Path module = Path.of("").toAbsolutePath();
        Path tool = findTool(module).orElseGet(() -> abort(TOOL + " not found in any parent of " + module
                + " (or -Dvigil.ipvsVm.tool): the kernel lvs_timeouts test did not run"));
        Path output = module.resolve("target/ipvs-vm/timeouts-output.txt");
        Files.createDirectories(output.getParent());
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = List.of(tool.toString(), "--rw", module.getParent().toString(),
                "--timeout", Integer.toString(VM_TIMEOUT_SECONDS), "--",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", classPath, KernelTimeoutsVmMain.class.getName());
        long t0 = System.nanoTime();
        String text = boot(command, module, output);
        if (text.contains(JVM_CRASH) && !SUMMARY.matcher(text).find()) {
            // The guest's JVM runs on an emulated CPU and crashed there once (SIGILL in JIT code).
            text = boot(command, module, output);
        }
        System.out.printf("IPVS VM run took %d s%n", (System.nanoTime() - t0) / 1_000_000_000);
        text.lines().filter(l -> l.startsWith("CHECK ") || l.startsWith("FAILED ")).forEach(System.out::println);
        Matcher m = SUMMARY.matcher(text);
        assertTrue(m.find(), "no summary from the VM:\n" + text);
        assertEquals("0", m.group(2), "failures in the VM:\n" + text);
        assertTrue(Integer.parseInt(m.group(1)) >= 9, "not every check ran:\n" + text);
    }

    /** One VM boot running {@code command}; returns its output. */
    private static String boot(List<String> command, Path module, Path output) throws Exception {
        Process vm = new ProcessBuilder(command).directory(module.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        if (!vm.waitFor(VM_TIMEOUT_SECONDS + 60, TimeUnit.SECONDS)) {
            vm.destroyForcibly();
        }
        return Files.readString(output);
    }

    private static Optional<Path> findTool(Path start) {
        String named = System.getProperty("vigil.ipvsVm.tool");
        if (named != null) {
            return Optional.of(Path.of(named)).filter(Files::isExecutable);
        }
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(TOOL);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
