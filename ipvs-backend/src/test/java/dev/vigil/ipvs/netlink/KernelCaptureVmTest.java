package dev.vigil.ipvs.netlink;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.ipvs.VirtualTable;
import dev.vigil.linux.netlink.GenericNetlink;
import dev.vigil.linux.netlink.Netlink;
import dev.vigil.linux.netlink.NetlinkSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Records conversations with the real kernel and writes them as transcripts to
 * {@code target/ipvs-vm/} (or the folder in the system property {@code vigil.ipvs.captureDir}):
 * {@link KernelScenario} with every command and error, and a table dump with the counters of
 * real traffic. The transcripts checked in under src/test/resources were made this way;
 * {@link CapturedKernelRepliesTest} replays them.
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
        write("kernel-6.1-capture.txt", recorder, outcomes);
    }

    @Test
    void recordsADumpWithTheCountersOfRealTraffic() throws Exception {
        IpvsVm.assumeKernelIpvs();
        try (NetlinkIpvsBackend setup = NetlinkIpvsBackend.open()) {
            assertTrue(setup.flush().isOk());
            IpvsVm.localServiceWithTraffic(setup);
            RecordingChannel recorder = new RecordingChannel(NetlinkSocket.open(Netlink.PROTOCOL_GENERIC, 0));
            VirtualTable table;
            try (NetlinkIpvsBackend backend = NetlinkIpvsBackend.over(GenericNetlink.over(recorder))) {
                table = backend.snapshot();
            } finally {
                setup.flush();
            }
            write("kernel-6.1-counters.txt", recorder, List.of(table.toString()));
        }
    }

    private static void write(String name, RecordingChannel recorder, List<String> outcomes) throws Exception {
        String release = Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
        KernelTranscript transcript = new KernelTranscript(List.of(
                "Recorded by KernelCaptureVmTest under Linux " + release + " (shared/tools/ipvs-vm), "
                        + "host byte order little-endian.",
                "> request built with seq 0 / pid 0, < kernel reply messages, ! errno, = outcomes."),
                recorder.exchanges(), outcomes);
        Path dir = Path.of(System.getProperty("vigil.ipvs.captureDir", "target/ipvs-vm"));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(name), transcript.toText());
    }
}
