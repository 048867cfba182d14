package dev.vigil.ipvs.userspace;

import dev.vigil.common.time.Ticker;
import dev.vigil.ipvs.Destination;
import dev.vigil.ipvs.DestinationKey;
import dev.vigil.ipvs.IpvsResult;
import dev.vigil.ipvs.Protocol;
import dev.vigil.ipvs.ServiceEntry;
import dev.vigil.ipvs.ServiceKey;
import dev.vigil.ipvs.VirtualService;
import dev.vigil.ipvs.VirtualTable;
import dev.vigil.ipvs.conn.Connection;
import dev.vigil.ipvs.conn.ConnectionScheduler;
import dev.vigil.ipvs.conn.ConnectionTable;
import dev.vigil.ipvs.conn.ConnectionTimeouts;
import dev.vigil.ipvs.conn.Direction;
import dev.vigil.ipvs.conn.TcpFlags;
import dev.vigil.ipvs.listing.ConnectionRow;
import dev.vigil.ipvs.sched.Flow;
import dev.vigil.ipvs.sched.IpvsScheduler;
import dev.vigil.ipvs.sched.RealServer;
import dev.vigil.ipvs.sched.Schedulers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Everything the forwarder's threads share: services, the IPVS connection table, the live
 * sessions and the counters. Methods hold this object's monitor, briefly; nothing here
 * blocks or does I/O, so event loops may call in. An event loop takes the monitor once per
 * new flow ({@link #open}); the later events of a flow (established, FIN, closed) are
 * queued without locking and applied by the next caller that holds the monitor — the next
 * scheduling decision at the latest — so the counts schedulers see are current.
 *
 * <p>The connection table is fed with the events a proxy really sees, translated to the
 * segments IPVS would have counted: accept = client SYN, backend connected = server
 * SYN-ACK then client ACK (ESTABLISHED, active), a FIN read from either side = that side's
 * FIN, both sides closed = RST (CLOSE, 10 s, inactive). Traffic re-arms the entry at the
 * next {@link #tick()} as an ACK in the direction it flowed, so the per-state timeouts
 * (ESTABLISHED 900 s, FIN_WAIT 120 s, UDP 300 s by default) act as idle timeouts: an entry
 * that expires under a live session closes that session.
 */
final class ForwarderState {

    /** Timer steps per hold of the monitor during expiry: a fraction of a millisecond of work. */
    private static final int EXPIRY_STEPS = 256;
    /**
     * Timer steps each new flow takes off the due end of the table while it holds the
     * monitor anyway. A connection costs about two steps (its first deadline, then its real
     * expiry), so under a steady stream of new connections the table expires as fast as it
     * fills and housekeeping never finds tens of thousands of entries due at once: the
     * housekeeping thread holding the monitor through long expiries — and being preempted
     * while it held it, on a machine whose cores the event loops keep busy — stalled every
     * new connection for 12-16 ms every 2 s (JFR JavaMonitorEnter, 13.5 k connections/s).
     * Entries of live sessions are left to the tick, which charges their traffic first.
     */
    private static final int OPEN_EXPIRY_STEPS = 8;

    private final Schedulers schedulers;
    private final ConnectionTable table;
    private final ConnectionScheduler connectionScheduler;
    private final Map<ServiceKey, ServiceState> services = new HashMap<>();
    private final Map<Connection, Session> sessions = new IdentityHashMap<>();
    private final Map<ServiceKey, ProxyProtocol> proxyProtocols = new HashMap<>();
    /** Flow events posted by event loops without taking the monitor (lock-free, FIFO per poster). */
    private final Queue<FlowEvent> events = new ConcurrentLinkedQueue<>();
    /** Guarded by this: scratch list of the amortised expiry. */
    private final List<Connection> expiredScratch = new ArrayList<>();

    ForwarderState(Ticker ticker, Schedulers schedulers, ConnectionTimeouts timeouts, boolean expireQuiescentTemplate) {
        this.schedulers = schedulers;
        this.table = new ConnectionTable(ticker, timeouts);
        this.connectionScheduler = new ConnectionScheduler(table, expireQuiescentTemplate);
    }

    synchronized boolean contains(ServiceKey key) {
        return services.containsKey(key);
    }

    /** A scheduler instance for a new or re-scheduled service; the name was checked before. */
    IpvsScheduler newScheduler(VirtualService service) {
        return schedulers.create(service.scheduler(), service.schedulerFlags())
                .orElseThrow(() -> new IllegalStateException("unchecked scheduler " + service.scheduler()));
    }

    synchronized void putService(ServiceState state) {
        services.put(state.service().key(), state);
    }

    synchronized Optional<ServiceState> removeService(ServiceKey key) {
        ServiceState removed = services.remove(key);
        if (removed != null) {
            removed.close();
        }
        return Optional.ofNullable(removed);
    }

    synchronized List<ServiceState> removeAll() {
        List<ServiceState> all = new ArrayList<>(services.values());
        services.clear();
        all.forEach(ServiceState::close);
        return all;
    }

    synchronized IpvsResult editService(VirtualService service) {
        ServiceState state = services.get(service.key());
        if (state == null) {
            return TableRules.missingService(service.key());
        }
        state.edit(service, newScheduler(service));
        return IpvsResult.OK;
    }

    synchronized IpvsResult addDestination(ServiceKey key, Destination d) {
        ServiceState state = services.get(key);
        if (state == null) {
            return TableRules.missingService(key);
        }
        return TableRules.checkDestination(key, d).orElseGet(() -> state.addDestination(d));
    }

    synchronized IpvsResult editDestination(ServiceKey key, Destination d) {
        ServiceState state = services.get(key);
        if (state == null) {
            return TableRules.missingService(key);
        }
        return TableRules.checkDestination(key, d).orElseGet(() -> state.editDestination(d));
    }

    synchronized IpvsResult deleteDestination(ServiceKey key, DestinationKey d) {
        ServiceState state = services.get(key);
        return state == null ? TableRules.missingService(key) : state.deleteDestination(d);
    }

    synchronized void setProxyProtocol(ServiceKey key, Optional<ProxyProtocol> version) {
        version.ifPresentOrElse(v -> proxyProtocols.put(key, v), () -> proxyProtocols.remove(key));
    }

    synchronized Optional<ProxyProtocol> proxyProtocol(ServiceKey key) {
        return Optional.ofNullable(proxyProtocols.get(key));
    }

    /**
     * Schedules a new flow of {@code service} (connection table, persistence, scheduler) and
     * registers {@code session} for it; false when the service is gone or no destination
     * may take the flow (IPVS would answer with an ICMP error or RST).
     */
    synchronized boolean open(ServiceState service, Flow flow, Session session) {
        applyEvents();
        expireSome();
        if (!service.isOpen()) {
            return false;
        }
        // A UDP association always gets a table entry, even for one-packet services: the
        // proxy needs it to relay replies and to time the association out.
        VirtualService settings = service.service();
        if (settings.onePacket()) {
            settings = settings.withOnePacket(false);
        }
        Optional<Connection> scheduled = connectionScheduler.schedule(settings, service.destinations(),
                service.scheduler(), flow);
        if (scheduled.isEmpty()) {
            return false;
        }
        Connection c = scheduled.get();
        RealServer server = c.destination();
        Counters destination = service.countersOf(server);
        if (destination == null) {
            destination = new Counters();
        }
        service.counters().connection();
        destination.connection();
        session.bind(new Booking(c, service.counters(), destination,
                flow.protocol() == Protocol.TCP ? proxyProtocol(service.service().key()) : Optional.empty()));
        sessions.put(c, session);
        if (flow.protocol() == Protocol.TCP) {
            table.tcpPacket(c, Direction.INPUT, TcpFlags.SYN);
        } else {
            table.udpPacket(c);
        }
        return true;
    }

    /**
     * Runs up to {@link #OPEN_EXPIRY_STEPS} steps of the expiry, stopping at the first due
     * entry of a live session: whether that one is idle is known only after the tick has
     * charged its traffic.
     */
    private void expireSome() {
        table.expire(OPEN_EXPIRY_STEPS, expiredScratch, sessions::containsKey);
        expiredScratch.clear();
    }

    /** The backend connection is up: the server's SYN-ACK and the client's ACK. */
    void established(Session session) {
        events.add(new FlowEvent.Established(session));
    }

    /** One side sent FIN: INPUT for the client, OUTPUT for the server. */
    void finished(Session session, Direction from) {
        events.add(new FlowEvent.Finished(session, from));
    }

    /** The flow ended: final counters are charged and the entry moves to CLOSE (TCP). */
    void closed(Session session) {
        if (session.booking() != null) {
            events.add(new FlowEvent.Closed(session));
        }
    }

    /**
     * Applies the queued flow events, in the order each flow posted them. Every reader of
     * the table and counts calls this first, so scheduling decisions see current counts.
     */
    private void applyEvents() {
        FlowEvent event;
        while ((event = events.poll()) != null) {
            switch (event) {
                case FlowEvent.Established e -> {
                    Connection c = e.session().booking().connection();
                    table.tcpPacket(c, Direction.OUTPUT, TcpFlags.SYN_ACK);
                    table.tcpPacket(c, Direction.INPUT, TcpFlags.ACK);
                }
                case FlowEvent.Finished f -> table.tcpPacket(f.session().booking().connection(), f.from(),
                        TcpFlags.FIN_ACK);
                case FlowEvent.Closed c -> end(c.session());
            }
        }
    }

    private void end(Session session) {
        Booking booking = session.booking();
        if (sessions.remove(booking.connection()) == null) {
            return;
        }
        charge(session);
        if (session.protocol() == Protocol.TCP) {
            table.tcpPacket(booking.connection(), Direction.INPUT, TcpFlags.RST);
        }
    }

    /** What event loops report about their flows, applied later under the monitor. */
    private sealed interface FlowEvent {
        record Established(Session session) implements FlowEvent {
        }

        record Finished(Session session, Direction from) implements FlowEvent {
        }

        record Closed(Session session) implements FlowEvent {
        }
    }

    /**
     * The 2 s housekeeping: charges traffic to the counters, re-arms the entries of flows
     * that moved data, runs the estimators and expires the table. Returns the sessions
     * whose entries expired (idle timeouts) for the caller to close outside the monitor.
     * The expiry holds the monitor for {@link #EXPIRY_STEPS} timer steps at a time: every
     * new flow needs the monitor, and expiring a table of tens of thousands of entries in
     * one go held all new connections back for 5-130 ms every 2 s.
     */
    List<Session> tick() {
        synchronized (this) {
            applyEvents();
            chargeAll();
            services.values().forEach(ServiceState::estimate);
        }
        List<Session> idle = new ArrayList<>();
        List<Connection> expired = new ArrayList<>();
        boolean done;
        do {
            synchronized (this) {
                done = table.expire(EXPIRY_STEPS, expired);
                for (Connection c : expired) {
                    Session s = sessions.remove(c);
                    if (s != null) {
                        idle.add(s);
                    }
                }
            }
            expired.clear();
        } while (!done);
        return idle;
    }

    private void chargeAll() {
        for (Session s : sessions.values()) {
            charge(s);
            Connection c = s.booking().connection();
            boolean in = s.inPackets() != s.touchedInPackets;
            boolean out = s.outPackets() != s.touchedOutPackets;
            if (s.protocol() == Protocol.UDP && (in || out)) {
                table.udpPacket(c);
            } else {
                if (in) {
                    table.tcpPacket(c, Direction.INPUT, TcpFlags.ACK);
                }
                if (out) {
                    table.tcpPacket(c, Direction.OUTPUT, TcpFlags.ACK);
                }
            }
            s.touchedInPackets = s.inPackets();
            s.touchedOutPackets = s.outPackets();
        }
    }

    private static void charge(Session s) {
        long inPackets = s.inPackets();
        long outPackets = s.outPackets();
        long inBytes = s.inBytes();
        long outBytes = s.outBytes();
        long dInP = inPackets - s.reportedInPackets;
        long dOutP = outPackets - s.reportedOutPackets;
        long dInB = inBytes - s.reportedInBytes;
        long dOutB = outBytes - s.reportedOutBytes;
        Booking b = s.booking();
        b.service().add(dInP, dOutP, dInB, dOutB);
        b.destination().add(dInP, dOutP, dInB, dOutB);
        s.reportedInPackets = inPackets;
        s.reportedOutPackets = outPackets;
        s.reportedInBytes = inBytes;
        s.reportedOutBytes = outBytes;
    }

    /** The table with exact totals (live traffic charged first) and the latest rates. */
    synchronized VirtualTable snapshot() {
        applyEvents();
        sessions.values().forEach(ForwarderState::charge);
        List<ServiceEntry> entries = new ArrayList<>(services.size());
        services.values().forEach(s -> entries.add(s.entry()));
        return new VirtualTable(entries);
    }

    /** The connection table as /proc/net/ip_vs_conn rows (templates included). */
    synchronized List<ConnectionRow> connectionRows() {
        applyEvents();
        return table.rows();
    }

    synchronized ConnectionTimeouts timeouts() {
        return table.timeouts();
    }

    synchronized void setTimeouts(ConnectionTimeouts timeouts) {
        table.setTimeouts(timeouts);
    }

    synchronized int sessionCount() {
        applyEvents();
        return sessions.size();
    }

    synchronized long pendingWriteBytes() {
        applyEvents();
        long total = 0;
        for (Session s : sessions.values()) {
            total += s.pendingWriteBytes();
        }
        return total;
    }

    synchronized List<Session> sessions() {
        applyEvents();
        return List.copyOf(sessions.values());
    }
}
