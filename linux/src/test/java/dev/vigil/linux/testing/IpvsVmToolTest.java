package dev.vigil.linux.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link IpvsVmTool#run} against a stand-in for the tool: one more boot after a guest JVM crash only. */
class IpvsVmToolTest {

    private static final Pattern FINISHED = Pattern.compile("SUMMARY found=\\d+");

    @TempDir
    Path dir;

    /** A tool that counts its boots and prints, at each boot, the next line of {@code outputs}. */
    private Path tool(String... outputs) throws Exception {
        StringBuilder script = new StringBuilder("#!/bin/sh\nn=$(cat " + dir.resolve("boots") + " 2>/dev/null || echo 0)\n"
                + "n=$((n + 1))\necho $n > " + dir.resolve("boots") + "\ncase $n in\n");
        for (int i = 0; i < outputs.length; i++) {
            script.append(i + 1).append(") printf '%s\\n' '").append(outputs[i]).append("'; exit 1;;\n");
        }
        script.append("esac\n");
        Path tool = dir.resolve("ipvs-vm");
        Files.writeString(tool, script);
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwx------"));
        return tool;
    }

    private int boots() throws Exception {
        return Integer.parseInt(Files.readString(dir.resolve("boots")).strip());
    }

    @Test
    void aGuestJvmCrashBeforeTheSummaryBootsOnceMoreAndKeepsTheFirstOutput() throws Exception {
        Path tool = tool("# A fatal error has been detected by the Java Runtime Environment:",
                "SUMMARY found=3 failed=0");
        Path output = dir.resolve("vm-output.txt");
        IpvsVmTool.Run run = IpvsVmTool.run(tool, dir, 10, List.of("true"), dir, output, FINISHED);
        assertEquals(2, boots());
        assertTrue(run.output().contains("SUMMARY found=3"), run.output());
        assertTrue(Files.readString(dir.resolve("vm-output-crashed.txt")).contains("A fatal error"));
    }

    @Test
    void failuresWithoutACrashAreNotRetried() throws Exception {
        Path tool = tool("SUMMARY found=3 failed=1", "SUMMARY found=3 failed=0");
        IpvsVmTool.Run run = IpvsVmTool.run(tool, dir, 10, List.of("true"), dir, dir.resolve("out.txt"), FINISHED);
        assertEquals(1, boots());
        assertEquals(1, run.exitCode());
        assertTrue(run.output().contains("failed=1"));
        assertFalse(Files.exists(dir.resolve("out-crashed.txt")));
    }
}
