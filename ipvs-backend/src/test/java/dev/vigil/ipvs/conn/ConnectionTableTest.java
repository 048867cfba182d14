package dev.vigil.ipvs.conn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.common.time.FakeScheduler;
import dev.vigil.ipvs.Destination;
import dev.vigil.ipvs.ForwardMethod;
import dev.vigil.ipvs.IpAddress;
import dev.vigil.ipvs.Protocol;
import dev.vigil.ipvs.ServiceKey;
import dev.vigil.ipvs.VirtualService;
import dev.vigil.ipvs.listing.IpvsadmFormat;
import dev.vigil.ipvs.sched.Flow;
import dev.vigil.ipvs.sched.RealServer;
import dev.vigil.ipvs.sched.RoundRobin;
import dev.vigil.ipvs.sched.DestinationChange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** States, timeouts, accounting and expiry of the connection table, on a fake clock. */
class ConnectionTableTest {

    private final FakeScheduler clock = new FakeScheduler();
    private final ConnectionTable table = new ConnectionTable(clock, ConnectionTimeouts.defaults());
    private final ConnectionScheduler scheduler = new ConnectionScheduler(table, false);

    private static final IpAddress VIP = IpAddress.of("10.0.0.100");

    private Connection open(Protocol protocol, ForwardMethod forward, RealServer[] out) {
        RealServer server = new RealServer(Destination.of("192.168.1.10", 80, forward, 1));
        out[0] = server;
        RoundRobin rr = new RoundRobin();
        rr.destinationsChanged(List.of(server), DestinationChange.INITIAL);
        VirtualService svc = VirtualService.of(new ServiceKey.Inet(protocol, VIP, 80), "rr");
        Flow flow = new Flow(protocol, IpAddress.of("203.0.113.7"), 51234, VIP, 80);
        return scheduler.schedule(svc, List.of(server), rr, flow).orElseThrow();
    }

    private static long seconds(long n) {
        return Duration.ofSeconds(n).toNanos();
    }

    @Test
    void natTcpHandshakeMakesTheConnectionActiveAndCloseMakesItInactive() {
        RealServer[] s = new RealServer[1];
        Connection c = open(Protocol.TCP, ForwardMethod.MASQ, s);
        assertEquals(TcpState.NONE, c.tcpState());
        assertEquals(1, s[0].inactiveConnections(), "new connections start inactive");
        table.tcpPacket(c, Direction.INPUT, TcpFlags.SYN);
        assertEquals(TcpState.SYN_RECV, c.tcpState());
        assertEquals(seconds(60), c.timeoutNanos());
        assertEquals(1, s[0].activeConnections(), "SYN_RECV counts as active in current kernels");
        assertEquals(0, s[0].inactiveConnections());
        table.tcpPacket(c, Direction.OUTPUT, TcpFlags.SYN_ACK);
        assertEquals(TcpState.SYN_RECV, c.tcpState());
        table.tcpPacket(c, Direction.INPUT, TcpFlags.ACK);
        assertEquals(TcpState.ESTABLISHED, c.tcpState());
        assertEquals(1, s[0].activeConnections());
        assertEquals(0, s[0].inactiveConnections());
        assertEquals(seconds(900), c.timeoutNanos());
        table.tcpPacket(c, Direction.INPUT, TcpFlags.FIN_ACK);
        assertEquals(TcpState.CLOSE_WAIT, c.tcpState());
        assertEquals(0, s[0].activeConnections());
        assertEquals(1, s[0].inactiveConnections());
        table.tcpPacket(c, Direction.OUTPUT, TcpFlags.FIN_ACK);
        assertEquals(TcpState.TIME_WAIT, c.tcpState());
        assertEquals(seconds(120), c.timeoutNanos());
    }

    @Test
    void directRoutingSeesOnlyInputAndUsesTheInputOnlyTable() {
        RealServer[] s = new RealServer[1];
        Connection c = open(Protocol.TCP, ForwardMethod.DROUTE, s);
        table.tcpPacket(c, Direction.INPUT, TcpFlags.SYN);
        table.tcpPacket(c, Direction.INPUT, TcpFlags.ACK);
        assertEquals(TcpState.ESTABLISHED, c.tcpState());
        table.tcpPacket(c, Direction.INPUT, TcpFlags.FIN_ACK);
        // INPUT-ONLY: a client FIN on ESTABLISHED goes to FIN_WAIT (INPUT would say CLOSE_WAIT)
        assertEquals(TcpState.FIN_WAIT, c.tcpState());
        table.tcpPacket(c, Direction.INPUT, TcpFlags.RST);
        assertEquals(TcpState.CLOSE, c.tcpState());
        assertEquals(seconds(10), c.timeoutNanos());
    }

    @Test
    void bareAckOnAFreshConnectionEstablishesIt() {
        RealServer[] s = new RealServer[1];
        Connection c = open(Protocol.TCP, ForwardMethod.DROUTE, s);
        table.tcpPacket(c, Direction.INPUT, TcpFlags.ACK);
        assertEquals(TcpState.ESTABLISHED, c.tcpState());
        assertEquals(1, s[0].activeConnections());
        table.tcpPacket(c, Direction.INPUT, new TcpFlags(false, false, false, false));
        assertEquals(TcpState.CLOSE, c.tcpState(), "a segment without SYN/FIN/ACK/RST closes");
        assertEquals(1, s[0].inactiveConnections());
    }

    @Test
    void udpIsAlwaysInactiveAndLivesFiveMinutesAfterItsLastDatagram() {
        RealServer[] s = new RealServer[1];
        Connection c = open(Protocol.UDP, ForwardMethod.MASQ, s);
        table.udpPacket(c);
        assertEquals("UDP", c.stateName());
        assertEquals(0, s[0].activeConnections());
        assertEquals(1, s[0].inactiveConnections());
        clock.advance(seconds(200));
        table.udpPacket(c);
        clock.advance(seconds(299));
        assertEquals(List.of(), table.expire());
        clock.advance(seconds(1));
        assertEquals(List.of(c), table.expire());
        assertEquals(0, s[0].inactiveConnections());
        assertEquals(0, table.size());
    }

    @Test
    void expiryUnbindsAndClearsOverload() {
        RealServer[] s = new RealServer[1];
        Connection c = open(Protocol.TCP, ForwardMethod.MASQ, s);
        s[0].update(s[0].settings().withThresholds(1, 0));
        s[0].bind(false, true);
        s[0].unbind(false, true);
        table.tcpPacket(c, Direction.INPUT, TcpFlags.SYN);
        assertEquals(seconds(60), table.nanosToNextExpiry());
        clock.advance(seconds(60));
        assertEquals(1, table.expire().size());
        assertFalse(s[0].overloaded());
        assertEquals(-1, table.nanosToNextExpiry());
    }

    @Test
    void setTimeoutsChangesEstablishedFinWaitAndUdp() {
        ConnectionTimeouts t = ConnectionTimeouts.defaults().withSet(3600, 30, 0);
        assertEquals(3600, t.seconds(TcpState.ESTABLISHED));
        assertEquals(30, t.seconds(TcpState.FIN_WAIT));
        assertEquals(300, t.udpSeconds());
        assertEquals(60, t.seconds(TcpState.SYN_RECV));
    }

    @Test
    void rowsRenderLikeIpvsadmDashC() {
        RealServer[] s = new RealServer[1];
        Connection c = open(Protocol.TCP, ForwardMethod.MASQ, s);
        table.tcpPacket(c, Direction.INPUT, TcpFlags.SYN);
        table.tcpPacket(c, Direction.INPUT, TcpFlags.ACK);
        clock.advance(seconds(2) + 1);
        assertEquals("""
                IPVS connection entries
                pro expire state       source             virtual            destination
                TCP 14:57  ESTABLISHED 203.0.113.7:51234  10.0.0.100:80      192.168.1.10:80
                """, IpvsadmFormat.connections(table.rows(), false));
    }

    @Test
    void expiryInSlicesEndsWithEverythingDueRemovedOldestFirst() {
        RealServer server = new RealServer(Destination.of("192.168.1.10", 80, ForwardMethod.MASQ, 1));
        RoundRobin rr = new RoundRobin();
        rr.destinationsChanged(List.of(server), DestinationChange.INITIAL);
        VirtualService svc = VirtualService.of(new ServiceKey.Inet(Protocol.TCP, VIP, 80), "rr");
        for (int port = 1; port <= 5; port++) {
            Flow flow = new Flow(Protocol.TCP, IpAddress.of("203.0.113.7"), port, VIP, 80);
            Connection c = scheduler.schedule(svc, List.of(server), rr, flow).orElseThrow();
            if (port == 3) {
                table.tcpPacket(c, Direction.INPUT, TcpFlags.SYN); // SYN_RECV: 60 s, not due yet
            }
            clock.advance(1);
        }
        clock.advance(seconds(3));
        List<Connection> gone = new ArrayList<>();
        assertFalse(table.expire(2, gone), "two steps cannot cover five deadlines");
        assertEquals(List.of(1, 2), gone.stream().map(Connection::clientPort).toList());
        int calls = 1;
        boolean done;
        do {
            done = table.expire(2, gone);
            calls++;
        } while (!done);
        assertEquals(List.of(1, 2, 4, 5), gone.stream().map(Connection::clientPort).toList(),
                "port 3 was postponed to its SYN_RECV timeout, not expired");
        assertEquals(1, table.size());
        assertEquals(3, calls, "five steps (four expiries, one postponement) in slices of two");
        clock.advance(seconds(60));
        assertEquals(1, table.expire().size());
    }

    @Test
    void deferredExpiryStopsAtTheFirstDueEntryTheCallerHoldsBackAndLeavesItInPlace() {
        RealServer server = new RealServer(Destination.of("192.168.1.10", 80, ForwardMethod.MASQ, 1));
        RoundRobin rr = new RoundRobin();
        rr.destinationsChanged(List.of(server), DestinationChange.INITIAL);
        VirtualService svc = VirtualService.of(new ServiceKey.Inet(Protocol.TCP, VIP, 80), "rr");
        List<Connection> opened = new ArrayList<>();
        for (int port = 1; port <= 3; port++) {
            Flow flow = new Flow(Protocol.TCP, IpAddress.of("203.0.113.7"), port, VIP, 80);
            opened.add(scheduler.schedule(svc, List.of(server), rr, flow).orElseThrow());
            clock.advance(1);
        }
        clock.advance(seconds(3));
        List<Connection> gone = new ArrayList<>();
        assertFalse(table.expire(10, gone, c -> c.clientPort() == 2), "the held-back entry ends the slice");
        assertEquals(List.of(1), gone.stream().map(Connection::clientPort).toList());
        assertEquals(2, table.size(), "port 2 stays, and port 3 behind it");
        assertEquals(Optional.of(opened.get(1)), table.lookup(6, IpAddress.of("203.0.113.7"), 2, VIP, 80));
        assertTrue(table.expire(10, gone), "without the hold everything due goes, the held entry first");
        assertEquals(List.of(1, 2, 3), gone.stream().map(Connection::clientPort).toList());
        assertEquals(0, table.size());
    }
}
