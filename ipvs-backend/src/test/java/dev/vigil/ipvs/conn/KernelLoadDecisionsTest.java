package dev.vigil.ipvs.conn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.common.time.FakeScheduler;
import dev.vigil.ipvs.Destination;
import dev.vigil.ipvs.ForwardMethod;
import dev.vigil.ipvs.IpAddress;
import dev.vigil.ipvs.Protocol;
import dev.vigil.ipvs.SchedulerFlag;
import dev.vigil.ipvs.ServiceKey;
import dev.vigil.ipvs.VirtualService;
import dev.vigil.ipvs.sched.DestinationChange;
import dev.vigil.ipvs.sched.Flow;
import dev.vigil.ipvs.sched.IpvsScheduler;
import dev.vigil.ipvs.sched.LeastConnection;
import dev.vigil.ipvs.sched.MaglevHashing;
import dev.vigil.ipvs.sched.NeverQueue;
import dev.vigil.ipvs.sched.RealServer;
import dev.vigil.ipvs.sched.RoundRobin;
import dev.vigil.ipvs.sched.WeightedFailover;
import dev.vigil.ipvs.sched.WeightedLeastConnection;
import dev.vigil.ipvs.sched.WeightedOverflow;
import dev.vigil.ipvs.sched.WeightedRoundRobin;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Replays capture3.sh: connections that stay in SYN_RECV (active) to servers with weights
 * 1, 2, 3 (added in that order), and compares every pick — and every refusal — with the
 * real kernel's. Exercises the load-based schedulers together with the connection
 * accounting of {@link ConnectionTable}.
 */
class KernelLoadDecisionsTest {

    private final FakeScheduler clock = new FakeScheduler();
    private final ConnectionTable table = new ConnectionTable(clock, ConnectionTimeouts.defaults());
    private final ConnectionScheduler connections = new ConnectionScheduler(table, false);
    private static final IpAddress CLIENT = IpAddress.of("10.0.2.15");

    /** "vip:port" of the client side → real server address, from ipvsadm -L -n -c. */
    private static Map<String, String> kernelPicks() throws IOException {
        Map<String, String> picks = new HashMap<>();
        try (InputStream in = KernelLoadDecisionsTest.class.getResourceAsStream("/golden/vm-6.1/p3-conns.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length == 6 && f[0].equals("TCP")) {
                    String cport = f[3].substring(f[3].indexOf(':') + 1);
                    String vip = f[4].substring(0, f[4].indexOf(':'));
                    picks.put(vip + ":" + cport, f[5].substring(0, f[5].indexOf(':')));
                }
            }
        }
        return picks;
    }

    private record Service(VirtualService service, List<RealServer> servers, IpvsScheduler scheduler) {
    }

    private static Service service(String vip, IpvsScheduler scheduler, int... weights) {
        List<RealServer> list = new ArrayList<>();
        scheduler.destinationsChanged(list, DestinationChange.INITIAL);
        for (int i = 0; i < weights.length; i++) {
            RealServer s = new RealServer(Destination.of("10.0.2." + (101 + i), 80, ForwardMethod.MASQ, weights[i]));
            list.addFirst(s);
            scheduler.destinationsChanged(list, new DestinationChange.Added(s));
        }
        VirtualService vs = VirtualService.of(new ServiceKey.Inet(Protocol.TCP, IpAddress.of(vip), 80),
                scheduler.name());
        return new Service(vs, list, scheduler);
    }

    /** Opens {@code count} connections from consecutive ports; returns how many were compared. */
    private int replay(Service s, int firstPort, int count, Map<String, String> kernel) {
        String vip = s.service().key() instanceof ServiceKey.Inet i ? i.address().toString() : "";
        for (int port = firstPort; port < firstPort + count; port++) {
            Flow flow = new Flow(Protocol.TCP, CLIENT, port, IpAddress.of(vip), 80);
            var made = connections.schedule(s.service(), s.servers(), s.scheduler(), flow);
            String expected = kernel.get(vip + ":" + port);
            String actual = made.map(c -> c.destination().address().toString()).orElse(null);
            assertEquals(expected, actual, s.scheduler().name() + " port " + port);
            made.ifPresent(c -> table.tcpPacket(c, Direction.INPUT, TcpFlags.SYN));
        }
        return count;
    }

    private static void reweigh(Service s, String address, int weight) {
        for (RealServer r : s.servers()) {
            if (r.address().toString().equals(address)) {
                r.update(r.settings().withWeight(weight));
                s.scheduler().destinationsChanged(s.servers(), new DestinationChange.Updated(r));
                return;
            }
        }
        throw new AssertionError("no server " + address);
    }

    @Test
    void loadBasedSchedulersMatchTheKernel() throws IOException {
        Map<String, String> kernel = kernelPicks();
        assertEquals(138, kernel.size());
        int compared = 0;
        compared += replay(service("10.0.3.20", WeightedLeastConnection.wlc(), 1, 2, 3), 50000, 12, kernel);
        compared += replay(service("10.0.3.21", new LeastConnection(), 1, 2, 3), 50100, 12, kernel);
        compared += replay(service("10.0.3.22", WeightedLeastConnection.sed(), 1, 2, 3), 50200, 12, kernel);
        compared += replay(service("10.0.3.23", new NeverQueue(), 1, 2, 3), 50300, 12, kernel);
        compared += replay(service("10.0.3.24", new RoundRobin(), 1, 0, 2), 50400, 12, kernel);
        compared += replay(service("10.0.3.25", new WeightedOverflow(), 1, 2, 3), 50500, 12, kernel);
        compared += replay(service("10.0.3.26", new WeightedFailover(), 2, 5, 5), 50600, 12, kernel);
        assertEquals(84, compared);
    }

    @Test
    void wrrAcrossAWeightEditMatchesTheKernel() throws IOException {
        Map<String, String> kernel = kernelPicks();
        Service wrr = service("10.0.3.27", new WeightedRoundRobin(), 4, 3, 2);
        replay(wrr, 50700, 12, kernel);
        reweigh(wrr, "10.0.2.103", 4);
        assertEquals(5, replay(wrr, 50712, 5, kernel));
    }

    @Test
    void maglevFallbackAroundAQuiescedServerMatchesTheKernel() throws IOException {
        Map<String, String> kernel = kernelPicks();
        MaglevHashing mh = MaglevHashing.mh(Set.of(SchedulerFlag.FLAG_1, SchedulerFlag.FLAG_2),
                MaglevHashing.DEFAULT_TABLE_INDEX);
        Service s = service("10.0.3.28", mh, 1, 1, 1);
        reweigh(s, "10.0.2.102", 0);
        assertEquals(40, replay(s, 51000, 40, kernel));
    }
}
