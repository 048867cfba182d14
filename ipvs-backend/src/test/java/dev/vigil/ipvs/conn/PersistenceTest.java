package dev.vigil.ipvs.conn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.common.time.FakeScheduler;
import dev.vigil.ipvs.AddressFamily;
import dev.vigil.ipvs.Destination;
import dev.vigil.ipvs.ForwardMethod;
import dev.vigil.ipvs.IpAddress;
import dev.vigil.ipvs.Persistence;
import dev.vigil.ipvs.Protocol;
import dev.vigil.ipvs.ServiceKey;
import dev.vigil.ipvs.VirtualService;
import dev.vigil.ipvs.sched.DestinationChange;
import dev.vigil.ipvs.sched.Flow;
import dev.vigil.ipvs.sched.RealServer;
import dev.vigil.ipvs.sched.RoundRobin;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Persistence templates as ip_vs_sched_persist / ip_vs_check_template, on a fake clock. */
class PersistenceTest {

    private static final IpAddress VIP = IpAddress.of("10.0.0.100");
    private final FakeScheduler clock = new FakeScheduler();
    private final ConnectionTable table = new ConnectionTable(clock, ConnectionTimeouts.defaults());
    private final RealServer a = new RealServer(Destination.of("192.168.1.10", 80, ForwardMethod.DROUTE, 1));
    private final RealServer b = new RealServer(Destination.of("192.168.1.11", 80, ForwardMethod.DROUTE, 1));
    private final List<RealServer> servers = List.of(a, b);
    private final RoundRobin rr = new RoundRobin();

    PersistenceTest() {
        rr.destinationsChanged(servers, DestinationChange.INITIAL);
    }

    private static VirtualService web(int timeout, int prefix) {
        return VirtualService.of(ServiceKey.tcp("10.0.0.100", 80), "rr").withPersistence(new Persistence(timeout, prefix));
    }

    private static Flow from(String client, int port) {
        return new Flow(Protocol.TCP, IpAddress.of(client), port, VIP, 80);
    }

    private static long seconds(long n) {
        return Duration.ofSeconds(n).toNanos();
    }

    @Test
    void clientsOfOneNetworkStickToOneServerWhileTheTemplateLives() {
        ConnectionScheduler s = new ConnectionScheduler(table, false);
        VirtualService svc = web(300, 24);
        Connection first = s.schedule(svc, servers, rr, from("198.51.100.7", 1000)).orElseThrow();
        Connection second = s.schedule(svc, servers, rr, from("198.51.100.99", 1001)).orElseThrow();
        assertSame(first.destination(), second.destination(), "same /24 → same server, rr notwithstanding");
        Connection other = s.schedule(svc, servers, rr, from("203.0.113.5", 1002)).orElseThrow();
        assertNotSame(first.destination(), other.destination(), "another network gets the next rr pick");
        assertEquals(2, a.persistentConnections() + b.persistentConnections());
        Connection template = second.controller();
        assertTrue(template.isTemplate());
        assertEquals(IpAddress.of("198.51.100.0"), template.client());
        assertEquals(2, template.controlledCount());
    }

    @Test
    void templateOutlivesItsTimeoutWhileItControlsConnectionsThenExpires() {
        ConnectionScheduler s = new ConnectionScheduler(table, false);
        Connection c = s.schedule(web(60, 32), servers, rr, from("198.51.100.7", 1000)).orElseThrow();
        table.tcpPacket(c, Direction.INPUT, TcpFlags.SYN);
        table.tcpPacket(c, Direction.INPUT, TcpFlags.ACK);
        Connection template = c.controller();
        assertEquals("ASSURED", template.stateName(), "an established connection assures its template");
        clock.advance(seconds(61));
        table.expire();
        assertTrue(table.entries().contains(template), "re-armed: still controls an established connection");
        table.tcpPacket(c, Direction.INPUT, TcpFlags.RST);
        clock.advance(seconds(10));
        assertEquals(List.of(c), table.expire());
        assertEquals(0, template.controlledCount());
        clock.advance(seconds(60));
        assertEquals(List.of(template), table.expire());
        assertEquals(0, a.persistentConnections() + b.persistentConnections());
    }

    @Test
    void eachNewConnectionRestartsTheTemplateTimer() {
        ConnectionScheduler s = new ConnectionScheduler(table, false);
        VirtualService svc = web(60, 32);
        Connection c1 = s.schedule(svc, servers, rr, from("198.51.100.7", 1000)).orElseThrow();
        clock.advance(seconds(50));
        s.schedule(svc, servers, rr, from("198.51.100.7", 1001)).orElseThrow();
        assertEquals(seconds(60), c1.controller().expiresAtNanos() - clock.nanoTime());
    }

    @Test
    void quiescedServerKeepsItsClientsUnlessExpireQuiescentTemplate() {
        ConnectionScheduler keep = new ConnectionScheduler(table, false);
        VirtualService svc = web(300, 32);
        Connection c = keep.schedule(svc, servers, rr, from("198.51.100.7", 1000)).orElseThrow();
        RealServer owner = c.destination();
        owner.update(owner.settings().withWeight(0));
        rr.destinationsChanged(servers, new DestinationChange.Updated(owner));
        Connection again = keep.schedule(svc, servers, rr, from("198.51.100.7", 1001)).orElseThrow();
        assertSame(owner, again.destination(), "weight 0 does not stop a client with a live template");

        ConnectionScheduler drain = new ConnectionScheduler(table, true);
        Connection moved = drain.schedule(svc, servers, rr, from("198.51.100.7", 1002)).orElseThrow();
        assertNotSame(owner, moved.destination());
        Connection stale = again.controller();
        assertFalse(stale.isHashed());
        assertEquals(Connection.INVALID_PORT, stale.virtualPort(), "invalid template rehashed under port 65535");
        assertTrue(table.entries().contains(stale), "left to expire on its own timer");
    }

    @Test
    void serverRemovedFromTheServiceInvalidatesTheTemplate() {
        ConnectionScheduler s = new ConnectionScheduler(table, false);
        VirtualService svc = web(300, 32);
        RealServer owner = s.schedule(svc, servers, rr, from("198.51.100.7", 1000)).orElseThrow().destination();
        owner.markUnavailable();
        List<RealServer> remaining = owner == a ? List.of(b) : List.of(a);
        rr.destinationsChanged(remaining, DestinationChange.INITIAL);
        Connection next = s.schedule(svc, remaining, rr, from("198.51.100.7", 1001)).orElseThrow();
        assertNotSame(owner, next.destination());
    }

    @Test
    void portZeroFwmarkAndFtpTemplateKeys() {
        ConnectionScheduler s = new ConnectionScheduler(table, false);
        VirtualService allPorts = VirtualService.of(new ServiceKey.Inet(Protocol.TCP, VIP, 0), "rr")
                .withPersistence(new Persistence(300, 32));
        RealServer portless = new RealServer(Destination.of("192.168.1.30", 0, ForwardMethod.DROUTE, 1));
        RoundRobin single = new RoundRobin();
        single.destinationsChanged(List.of(portless), DestinationChange.INITIAL);
        Connection c = s.schedule(allPorts, List.of(portless), single, new Flow(Protocol.TCP,
                IpAddress.of("198.51.100.7"), 1000, VIP, 443)).orElseThrow();
        assertEquals(0, c.controller().virtualPort());
        assertEquals(443, c.destinationPort(), "port-zero server takes the packet's port");

        VirtualService marked = VirtualService.of(new ServiceKey.Fwmark(5, AddressFamily.INET), "rr")
                .withPersistence(new Persistence(300, 32));
        Connection m = s.schedule(marked, servers, rr, from("198.51.100.8", 1000)).orElseThrow();
        assertEquals(Connection.PROTOCOL_IP, m.controller().protocol());
        assertEquals("IP", m.controller().protocolLabel());
        assertEquals(IpAddress.of("0.0.0.5"), m.controller().virtualAddress());

        VirtualService ftp = VirtualService.of(new ServiceKey.Inet(Protocol.TCP, VIP, 21), "rr")
                .withPersistence(new Persistence(300, 32));
        Connection f = s.schedule(ftp, servers, rr, new Flow(Protocol.TCP, IpAddress.of("198.51.100.9"), 1000,
                VIP, 21)).orElseThrow();
        assertEquals(0, f.controller().virtualPort());
    }

    @Test
    void onePacketUdpConnectionsNeverEnterTheTable() {
        ConnectionScheduler s = new ConnectionScheduler(table, false);
        VirtualService dns = VirtualService.of(ServiceKey.udp("10.0.0.100", 53), "rr").withOnePacket(true);
        Connection c = s.schedule(dns, servers, rr, new Flow(Protocol.UDP, IpAddress.of("198.51.100.7"), 5353,
                VIP, 53)).orElseThrow();
        assertEquals(53, c.virtualPort());
        assertEquals(0, table.size());
        assertEquals(0, a.inactiveConnections() + b.inactiveConnections());
    }
}
