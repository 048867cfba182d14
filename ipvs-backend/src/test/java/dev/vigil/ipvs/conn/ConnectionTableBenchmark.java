package dev.vigil.ipvs.conn;

import dev.vigil.ipvs.Destination;
import dev.vigil.ipvs.ForwardMethod;
import dev.vigil.ipvs.IpAddress;
import dev.vigil.ipvs.Protocol;
import dev.vigil.ipvs.ServiceKey;
import dev.vigil.ipvs.VirtualService;
import dev.vigil.ipvs.sched.DestinationChange;
import dev.vigil.ipvs.sched.Flow;
import dev.vigil.ipvs.sched.RealServer;
import dev.vigil.ipvs.sched.RoundRobin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One short TCP connection's life in the table per invocation, as the userspace forwarder
 * drives it for a {@code Connection: close} request: scheduled (rr over two servers), SYN,
 * established (SYN-ACK, ACK), FIN from the server, then RST when both sockets close, and
 * then up to 8 steps of expiry. The clock advances so that the table holds {@code entries}
 * connections lingering in CLOSE (10 s), as it does under a steady stream of new
 * connections: 135 k at 13.5 k connections/s. Client ports cycle over 28 k values (Linux's
 * ephemeral range), so tuples repeat while their old entries are still in the table, as
 * they do behind one benchmark client. Run with {@code -prof gc} for the bytes allocated per
 * connection. In this package because the table's mutators are package-private.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ConnectionTableBenchmark {

    private static final int EPHEMERAL_PORTS = 28_232;
    private static final long CLOSE_TIMEOUT_NANOS = Duration.ofSeconds(10).toNanos();

    @Param({"10000", "135000"})
    public int entries;

    private long now;
    private long step;
    private ConnectionTable table;
    private ConnectionScheduler scheduler;
    private VirtualService service;
    private List<RealServer> servers;
    private RoundRobin rr;
    private final List<Connection> expired = new ArrayList<>();
    private IpAddress vip;
    private IpAddress[] clients;
    private int next;

    @Setup
    public void setUp() {
        table = new ConnectionTable(() -> now, ConnectionTimeouts.defaults());
        scheduler = new ConnectionScheduler(table, false);
        vip = IpAddress.of("192.0.2.1");
        service = VirtualService.of(new ServiceKey.Inet(Protocol.TCP, vip, 80), "rr");
        servers = List.of(new RealServer(Destination.of("10.0.0.1", 80, ForwardMethod.MASQ, 1)),
                new RealServer(Destination.of("10.0.0.2", 80, ForwardMethod.MASQ, 1)));
        rr = new RoundRobin();
        rr.destinationsChanged(servers, DestinationChange.INITIAL);
        clients = new IpAddress[] {IpAddress.of("10.1.0.1"), IpAddress.of("10.1.0.2")};
        step = CLOSE_TIMEOUT_NANOS / entries;
        for (int i = 0; i < entries; i++) {
            connection();
        }
    }

    @Benchmark
    public int connection() {
        now += step;
        int n = next++;
        Flow flow = new Flow(Protocol.TCP, clients[n & 1], 32_768 + (n >>> 1) % EPHEMERAL_PORTS, vip, 80);
        Connection c = scheduler.schedule(service, servers, rr, flow).orElseThrow();
        table.tcpPacket(c, Direction.INPUT, TcpFlags.SYN);
        table.tcpPacket(c, Direction.OUTPUT, TcpFlags.SYN_ACK);
        table.tcpPacket(c, Direction.INPUT, TcpFlags.ACK);
        table.tcpPacket(c, Direction.OUTPUT, TcpFlags.FIN_ACK);
        table.tcpPacket(c, Direction.INPUT, TcpFlags.RST);
        table.expire(8, expired);
        int gone = expired.size();
        expired.clear();
        return gone;
    }
}
