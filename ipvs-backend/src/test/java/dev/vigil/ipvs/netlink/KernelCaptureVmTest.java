package dev.vigil.ipvs.netlink;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.linux.netlink.GenericNetlink;
import dev.vigil.linux.netlink.Netlink;
import dev.vigil.linux.netlink.NetlinkSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Runs {@link KernelScenario} against the real kernel with every exchange recorded, and
 * writes the transcript to {@code target/ipvs-vm/kernel-capture.txt} (or the path in the
 * system property {@code vigil.ipvs.capture}). The transcript checked in under
 * src/test/resources was made this way; {@link CapturedKernelRepliesTest} replays it.
 */
@Tag(IpvsVm.TAG)
class KernelCaptureVmTest {

    @Test
    void recordsTheScenarioAgainstTheKernel() throws Exception {
        IpvsVm.assumeKernelIpvs();
        RecordingChannel recorder = new RecordingChannel(NetlinkSocket.open(Netlink.PROTOCOL_GENERIC, 0));
        List<String> outcomes;
        try (NetlinkIpvsBackend backend = NetlinkIpvsBackend.over(GenericNetlink.over(recorder))) {
            outcomes = KernelScenario.run(backend);
        }
        assertTrue(outcomes.containsAll(KernelScenario.EXPECTED), "kernel outcomes: " + String.join("\n", outcomes));
        String release = Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
        KernelTranscript transcript = new KernelTranscript(List.of(
                "Recorded by KernelCaptureVmTest under Linux " + release + " (shared/tools/ipvs-vm), "
                        + "host byte order little-endian.",
                "> request built with seq 0 / pid 0, < kernel reply messages, ! errno, = scenario outcomes."),
                recorder.exchanges(), outcomes);
        Path target = Path.of(System.getProperty("vigil.ipvs.capture", "target/ipvs-vm/kernel-capture.txt"));
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.writeString(target, transcript.toText());
    }
}
