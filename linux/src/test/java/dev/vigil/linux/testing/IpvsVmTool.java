package dev.vigil.linux.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The {@code shared/tools/ipvs-vm/ipvs-vm} tool, for the tests that run a command under a
 * real IPVS kernel in QEMU: where it is, and one run of a command in the VM with a folder of
 * the host writable there.
 */
public final class IpvsVmTool {

    /** The tool's path under a parent folder of the checkout. */
    public static final String PATH = "shared/tools/ipvs-vm/ipvs-vm";
    /** The first line HotSpot prints when it dies (hs_err). */
    private static final String JVM_CRASH = "A fatal error has been detected by the Java Runtime Environment";

    /** What a run printed (standard output and error) and how the tool exited (-1: killed at its limit). */
    public record Run(String output, int exitCode) {
    }

    private IpvsVmTool() {
    }

    /**
     * The tool named by {@code -Dvigil.ipvsVm.tool=PATH}, else {@link #PATH} in the first
     * folder from {@code start} upwards that has it; empty when it is not found.
     */
    public static Optional<Path> find(Path start) {
        String named = System.getProperty("vigil.ipvsVm.tool");
        if (named != null) {
            return Optional.of(Path.of(named)).filter(Files::isExecutable);
        }
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(PATH);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Boots the VM with {@code writable} shared read-write, runs {@code guestCommand} there
     * (the VM's own limit {@code timeoutSeconds}) and keeps what it printed in {@code output}.
     * When the guest's JVM crashed before the output shows {@code finished} — it runs on an
     * emulated CPU (QEMU without KVM) and died there once, SIGILL in JIT-compiled code, before
     * any test ran — the VM is booted once more; the first output is kept beside the second,
     * its name ending in {@code -crashed.txt}. Failures of what ran are never retried.
     */
    public static Run run(Path tool, Path writable, int timeoutSeconds, List<String> guestCommand, Path workDir,
                          Path output, Pattern finished) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(tool.toString(), "--rw", writable.toString(),
                "--timeout", Integer.toString(timeoutSeconds), "--"));
        command.addAll(guestCommand);
        Run run = boot(command, workDir, output, timeoutSeconds);
        if (run.output().contains(JVM_CRASH) && !finished.matcher(run.output()).find()) {
            Path first = output.resolveSibling(output.getFileName().toString().replaceFirst("\\.txt$", "")
                    + "-crashed.txt");
            Files.move(output, first, StandardCopyOption.REPLACE_EXISTING);
            System.err.println("the JVM in the IPVS VM crashed (output in " + first + "); booting it once more");
            run = boot(command, workDir, output, timeoutSeconds);
        }
        return run;
    }

    private static Run boot(List<String> command, Path workDir, Path output, int timeoutSeconds)
            throws IOException, InterruptedException {
        Process vm = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        if (!vm.waitFor(timeoutSeconds + 60L, TimeUnit.SECONDS)) {
            vm.destroyForcibly();
        }
        return new Run(Files.readString(output), vm.isAlive() ? -1 : vm.exitValue());
    }
}
