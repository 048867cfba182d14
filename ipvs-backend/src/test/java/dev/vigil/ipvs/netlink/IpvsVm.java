package dev.vigil.ipvs.netlink;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.ipvs.Destination;
import dev.vigil.ipvs.ForwardMethod;
import dev.vigil.ipvs.ServiceEntry;
import dev.vigil.ipvs.ServiceKey;
import dev.vigil.ipvs.VirtualService;
import dev.vigil.ipvs.VirtualTable;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;

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

    /** A service on a VIP bound to lo whose real server is a socket of this VM. */
    static final ServiceKey LOCAL = ServiceKey.tcp("10.0.2.100", 18080);
    /** How many connections {@link #localServiceWithTraffic} makes. */
    static final int CONNECTIONS = 3;

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

    /**
     * Adds {@link #LOCAL} (VIP on lo, MASQ to 10.0.2.15 on the same port), makes
     * {@value #CONNECTIONS} connections through it from this VM (IPVS schedules local clients
     * at LOCAL_OUT), and returns the first snapshot whose counters show them: the kernel folds
     * its per-CPU counters into the dumped totals on each estimator run (every 2 s).
     */
    static VirtualTable localServiceWithTraffic(NetlinkIpvsBackend backend) throws IOException {
        shell("ip addr add 10.0.2.100/32 dev lo 2>/dev/null || true");
        ServiceKey.Inet key = (ServiceKey.Inet) LOCAL;
        assertTrue(backend.addService(VirtualService.of(LOCAL, "rr")).isOk());
        assertTrue(backend.addDestination(LOCAL, Destination.of("10.0.2.15", key.port(), ForwardMethod.MASQ, 1)).isOk());
        try (ServerSocket server = new ServerSocket(key.port())) {
            server.setSoTimeout(10_000);
            for (int i = 0; i < CONNECTIONS; i++) {
                try (Socket client = new Socket()) {
                    client.connect(new InetSocketAddress(key.address().toString(), key.port()), 10_000);
                    client.getOutputStream().write(new byte[1000]);
                    try (Socket accepted = server.accept()) {
                        accepted.getInputStream().readNBytes(1000);
                    }
                }
            }
        }
        AtomicReference<VirtualTable> read = new AtomicReference<>();
        Awaitility.await("counters of " + LOCAL).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    read.set(backend.snapshot());
                    ServiceEntry local = read.get().service(LOCAL).orElseThrow();
                    return local.stats().connections() >= CONNECTIONS && local.stats().inPackets() > 0
                            && local.destinations().getFirst().stats().inBytes() > 0;
                });
        return read.get();
    }

    /** {@code sh -c script}. */
    static String shell(String script) {
        return run(List.of("/bin/sh", "-c", script));
    }
}
