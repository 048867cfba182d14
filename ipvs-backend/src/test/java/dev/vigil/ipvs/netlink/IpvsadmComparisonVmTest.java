package dev.vigil.ipvs.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.ipvs.AddressFamily;
import dev.vigil.ipvs.Destination;
import dev.vigil.ipvs.ForwardMethod;
import dev.vigil.ipvs.Persistence;
import dev.vigil.ipvs.Reconciler;
import dev.vigil.ipvs.SchedulerFlag;
import dev.vigil.ipvs.ServiceEntry;
import dev.vigil.ipvs.ServiceKey;
import dev.vigil.ipvs.VirtualService;
import dev.vigil.ipvs.VirtualTable;
import dev.vigil.ipvs.listing.IpvsadmFormat;
import dev.vigil.ipvs.listing.ListFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * One table, built three ways in the real kernel — by Vigil's backend (through the
 * Reconciler), by ipvsadm commands, and by keepalived from an equivalent keepalived.conf —
 * must read back identically with {@code ipvsadm -S -n}; and Vigil's listing of its own
 * snapshot must equal {@code ipvsadm -L -n} (and its column variants) byte for byte.
 * Skipped outside the IPVS VM.
 */
@Tag(IpvsVm.TAG)
class IpvsadmComparisonVmTest {

    private static final ServiceKey WEB = ServiceKey.tcp("10.0.2.100", 80);
    private static final ServiceKey TLS = ServiceKey.tcp("10.0.2.100", 443);
    private static final ServiceKey DNS = ServiceKey.udp("10.0.2.100", 53);
    private static final ServiceKey MARK = new ServiceKey.Fwmark(5, AddressFamily.INET);

    /** The table of {@link #IPVSADM} and {@link #KEEPALIVED_CONF}. */
    private static final VirtualTable TABLE = VirtualTable.of(
            ServiceEntry.of(VirtualService.of(WEB, "wlc"), List.of(
                    Destination.of("10.0.2.22", 80, ForwardMethod.DROUTE, 2),
                    Destination.of("10.0.2.21", 80, ForwardMethod.DROUTE, 1))),
            ServiceEntry.of(VirtualService.of(TLS, "sh")
                    .withScheduler("sh", Set.of(SchedulerFlag.FLAG_1, SchedulerFlag.FLAG_2))
                    .withPersistence(new Persistence(300, 24)), List.of(
                    Destination.of("10.0.2.21", 8443, ForwardMethod.MASQ, 100))),
            ServiceEntry.of(VirtualService.of(DNS, "rr").withOnePacket(true), List.of(
                    Destination.of("10.0.2.23", 53, ForwardMethod.TUNNEL, 1))),
            ServiceEntry.of(VirtualService.of(MARK, "wrr").withPersistence(new Persistence(600, 32)), List.of(
                    Destination.of("10.0.2.24", 0, ForwardMethod.DROUTE, 3))));

    private static final String IPVSADM = """
            ipvsadm -A -t 10.0.2.100:80 -s wlc
            ipvsadm -a -t 10.0.2.100:80 -r 10.0.2.21:80 -g -w 1
            ipvsadm -a -t 10.0.2.100:80 -r 10.0.2.22:80 -g -w 2
            ipvsadm -A -t 10.0.2.100:443 -s sh -b sh-fallback,sh-port -p 300 -M 255.255.255.0
            ipvsadm -a -t 10.0.2.100:443 -r 10.0.2.21:8443 -m -w 100
            ipvsadm -A -u 10.0.2.100:53 -s rr -o
            ipvsadm -a -u 10.0.2.100:53 -r 10.0.2.23:53 -i -w 1
            ipvsadm -A -f 5 -s wrr -p 600
            ipvsadm -a -f 5 -r 10.0.2.24 -g -w 3
            """;

    private static final String KEEPALIVED_CONF = """
            global_defs {
                router_id ipvs_vm
            }
            virtual_server 10.0.2.100 80 {
                lb_algo wlc
                lb_kind DR
                protocol TCP
                real_server 10.0.2.21 80 {
                    weight 1
                }
                real_server 10.0.2.22 80 {
                    weight 2
                }
            }
            virtual_server 10.0.2.100 443 {
                lb_algo sh
                lb_kind NAT
                protocol TCP
                sh-fallback
                sh-port
                persistence_timeout 300
                persistence_granularity 255.255.255.0
                real_server 10.0.2.21 8443 {
                    weight 100
                }
            }
            virtual_server 10.0.2.100 53 {
                lb_algo rr
                lb_kind TUN
                protocol UDP
                ops
                real_server 10.0.2.23 53 {
                    weight 1
                }
            }
            virtual_server fwmark 5 {
                lb_algo wrr
                lb_kind DR
                persistence_timeout 600
                real_server 10.0.2.24 80 {
                    weight 3
                }
            }
            """;

    private NetlinkIpvsBackend backend;

    @BeforeEach
    void openKernel() throws IpvsUnavailableException {
        IpvsVm.assumeKernelIpvs();
        backend = NetlinkIpvsBackend.open();
        assertTrue(backend.flush().isOk());
    }

    @AfterEach
    void flushKernel() {
        if (backend != null) {
            backend.flush();
            backend.close();
        }
    }

    @Test
    void vigilIpvsadmAndKeepalivedBuildTheSameTable() throws Exception {
        assertTrue(Reconciler.reconcile(backend, TABLE).isComplete());
        String byVigil = IpvsVm.run(List.of("ipvsadm", "-S", "-n"));
        System.out.print(byVigil);
        assertEquals(IpvsadmFormat.save(backend.snapshot()), byVigil, "Vigil's -S rendering of its own snapshot");

        assertTrue(backend.flush().isOk());
        IpvsVm.shell(IPVSADM.strip().replace("\n", " && "));
        String byIpvsadm = IpvsVm.run(List.of("ipvsadm", "-S", "-n"));
        assertEquals(byIpvsadm, byVigil, "ipvsadm -S -n after ipvsadm commands vs after Vigil");
        assertEquals(TABLE.services().size(), backend.snapshot().services().size());

        assertTrue(backend.flush().isOk());
        assertEquals(byIpvsadm, keepalivedTable(), "ipvsadm -S -n after keepalived -C");
    }

    @Test
    void listingsOfTheSnapshotEqualIpvsadmByteForByte() throws Exception {
        assertTrue(Reconciler.reconcile(backend, TABLE).isComplete());
        assertTrue(backend.editDestination(WEB, Destination.of("10.0.2.21", 80, ForwardMethod.DROUTE, 0)
                .withThresholds(100, 10)).isOk());
        VirtualTable snapshot = IpvsVm.localServiceWithTraffic(backend);
        System.out.println(snapshot.service(IpvsVm.LOCAL).orElseThrow());
        String plain = IpvsVm.run(List.of("ipvsadm", "-L", "-n"));
        System.out.print(plain);
        assertEquals(plain, IpvsadmFormat.list(backend.info(), snapshot));
        for (ListFormat format : List.of(ListFormat.STATS, ListFormat.RATE, ListFormat.THRESHOLDS,
                ListFormat.PERSISTENT_CONN)) {
            String option = "--" + format.name().toLowerCase().replace('_', '-');
            assertListingMatches(List.of("ipvsadm", "-L", "-n", option), format, false);
        }
        assertListingMatches(List.of("ipvsadm", "-L", "-n", "--exact", "--stats"), ListFormat.STATS, true);
        KernelReply<IpvsTimeouts> t = backend.timeouts();
        IpvsTimeouts timeouts = assertInstanceOfValue(t);
        assertEquals(IpvsVm.run(List.of("ipvsadm", "-L", "--timeout")),
                IpvsadmFormat.timeouts(timeouts.tcp(), timeouts.tcpFin(), timeouts.udp()));
    }

    /**
     * Counters and rates move while the rate estimator runs (every 2 s), so a listing is
     * compared with a snapshot taken just before and, if those differ, just after ipvsadm ran.
     */
    private void assertListingMatches(List<String> command, ListFormat format, boolean exact) {
        String before = IpvsadmFormat.list(backend.info(), backend.snapshot(), format, exact);
        String text = IpvsVm.run(command);
        System.out.print(text);
        if (!text.equals(before)) {
            assertEquals(text, IpvsadmFormat.list(backend.info(), backend.snapshot(), format, exact), command.toString());
        }
    }

    private static IpvsTimeouts assertInstanceOfValue(KernelReply<IpvsTimeouts> reply) {
        assertTrue(reply instanceof KernelReply.Value<IpvsTimeouts>, "timeouts: " + reply);
        return ((KernelReply.Value<IpvsTimeouts>) reply).value();
    }

    /** Starts keepalived (checker only) on the equivalent config, reads the table it builds, stops it. */
    private static String keepalivedTable() throws Exception {
        Path dir = Files.createTempDirectory("vigil-keepalived");
        Path conf = Files.writeString(dir.resolve("keepalived.conf"), KEEPALIVED_CONF);
        Process keepalived = new ProcessBuilder("keepalived", "-n", "-l", "-C", "-f", conf.toString(),
                "-p", dir.resolve("k.pid").toString(), "-c", dir.resolve("c.pid").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("keepalived.log").toFile()).start();
        AtomicReference<String> table = new AtomicReference<>("");
        try {
            Awaitility.await("keepalived builds 4 services and 5 real servers").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500)).until(() -> {
                        table.set(IpvsVm.run(List.of("ipvsadm", "-S", "-n")));
                        return table.get().lines().filter(l -> l.startsWith("-a ")).count() == 5;
                    });
            return table.get();
        } finally {
            keepalived.destroy();
            if (!keepalived.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                keepalived.destroyForcibly();
            }
        }
    }
}
