package dev.vigil.ipvs.conn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.common.time.FakeScheduler;
import dev.vigil.ipvs.Destination;
import dev.vigil.ipvs.DestinationEntry;
import dev.vigil.ipvs.ForwardMethod;
import dev.vigil.ipvs.IpAddress;
import dev.vigil.ipvs.IpvsInfo;
import dev.vigil.ipvs.Persistence;
import dev.vigil.ipvs.Protocol;
import dev.vigil.ipvs.ServiceEntry;
import dev.vigil.ipvs.ServiceKey;
import dev.vigil.ipvs.Stats;
import dev.vigil.ipvs.VirtualService;
import dev.vigil.ipvs.VirtualTable;
import dev.vigil.ipvs.listing.IpvsadmFormat;
import dev.vigil.ipvs.listing.ListFormat;
import dev.vigil.ipvs.sched.DestinationChange;
import dev.vigil.ipvs.sched.Flow;
import dev.vigil.ipvs.sched.IpvsScheduler;
import dev.vigil.ipvs.sched.LeastConnection;
import dev.vigil.ipvs.sched.RealServer;
import dev.vigil.ipvs.sched.RoundRobin;
import dev.vigil.ipvs.sched.WeightedLeastConnection;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Replays capture2.sh against the model — same services, same packets — and compares the
 * connection table and the per-server counts with what the real kernel showed
 * ({@code ipvsadm -L -n -c} and {@code --persistent-conn}, 1.5 s after the connections).
 */
class KernelScenarioTest {

    private final FakeScheduler clock = new FakeScheduler();
    private final ConnectionTable table = new ConnectionTable(clock, ConnectionTimeouts.defaults());
    private final ConnectionScheduler scheduler = new ConnectionScheduler(table, false);
    private final IpAddress client = IpAddress.of("10.0.2.15");

    private static String golden(String name) throws IOException {
        try (InputStream in = KernelScenarioTest.class.getResourceAsStream("/golden/vm-6.1/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    /** A service whose servers were added in {@code added} order (kernel list reversed). */
    private record Svc(VirtualService service, List<RealServer> servers, IpvsScheduler scheduler) {
        static Svc of(VirtualService service, IpvsScheduler scheduler, Destination... added) {
            List<RealServer> list = new ArrayList<>();
            scheduler.destinationsChanged(list, DestinationChange.INITIAL);
            for (Destination d : added) {
                RealServer s = new RealServer(d);
                list.addFirst(s);
                scheduler.destinationsChanged(list, new DestinationChange.Added(s));
            }
            return new Svc(service, list, scheduler);
        }

        ServiceEntry entry() {
            List<DestinationEntry> dests = servers.stream().map(s -> new DestinationEntry(s.settings(),
                    s.activeConnections(), s.inactiveConnections(), s.persistentConnections(), Stats.ZERO)).toList();
            return new ServiceEntry(service, Stats.ZERO, dests);
        }
    }

    private Connection tcp(Svc svc, IpAddress from, int port, IpAddress vip, int vport, boolean handshake) {
        Connection c = scheduler.schedule(svc.service(), svc.servers(), svc.scheduler(),
                new Flow(Protocol.TCP, from, port, vip, vport)).orElseThrow();
        table.tcpPacket(c, Direction.INPUT, TcpFlags.SYN);
        if (handshake) {
            table.tcpPacket(c, Direction.OUTPUT, TcpFlags.SYN_ACK);
            table.tcpPacket(c, Direction.INPUT, TcpFlags.ACK);
        }
        return c;
    }

    @Test
    void modelShowsWhatTheKernelShowed() throws IOException {
        IpAddress web = IpAddress.of("10.0.3.10");
        IpAddress all = IpAddress.of("10.0.3.11");
        IpAddress v6 = IpAddress.of("2001:db8:1::1");
        IpAddress dns = IpAddress.of("10.0.3.12");
        Svc a = Svc.of(VirtualService.of(new ServiceKey.Inet(Protocol.TCP, web, 80), "rr")
                        .withPersistence(new Persistence(120, 32)), new RoundRobin(),
                Destination.of("10.0.4.1", 80, ForwardMethod.MASQ, 1).withThresholds(50, 10),
                Destination.of("10.0.4.2", 80, ForwardMethod.MASQ, 1));
        Svc b = Svc.of(VirtualService.of(new ServiceKey.Inet(Protocol.TCP, all, 0), "wlc")
                        .withPersistence(new Persistence(60, 16)), WeightedLeastConnection.wlc(),
                Destination.of("10.0.4.3", 0, ForwardMethod.MASQ, 4_000_000));
        Svc c = Svc.of(VirtualService.of(new ServiceKey.Inet(Protocol.TCP, v6, 80), "sed"),
                WeightedLeastConnection.sed(), Destination.of("2001:db8::100", 8080, ForwardMethod.MASQ, 1));
        Svc d = Svc.of(VirtualService.of(new ServiceKey.Inet(Protocol.UDP, dns, 53), "lc"), new LeastConnection(),
                Destination.of("10.0.4.4", 53, ForwardMethod.MASQ, 1));

        for (int port = 45000; port <= 45002; port++) {
            tcp(a, client, port, web, 80, true);
        }
        tcp(b, client, 46000, all, 8080, true);
        tcp(c, IpAddress.of("2001:db8::15"), 47000, v6, 80, false);
        table.udpPacket(scheduler.schedule(d.service(), d.servers(), d.scheduler(),
                new Flow(Protocol.UDP, client, 48000, dns, 53)).orElseThrow());
        clock.advance(Duration.ofMillis(1500).toNanos());

        // the kernel lists in hash order, so compare the rows as sets
        String expected = golden("p2-conns.txt");
        String actual = IpvsadmFormat.connections(table.rows(), false);
        assertEquals(new TreeSet<>(expected.lines().toList()), new TreeSet<>(actual.lines().toList()));
        assertEquals(8, actual.lines().count() - 2);

        VirtualTable snapshot = new VirtualTable(List.of(a.entry(), b.entry(), c.entry(), d.entry()));
        assertEquals(golden("p2-list-pc.txt"),
                IpvsadmFormat.list(IpvsInfo.DEFAULT, snapshot, ListFormat.PERSISTENT_CONN, false));
    }
}
