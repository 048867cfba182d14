package dev.vigil.ipvs.conn;

import dev.vigil.common.time.Ticker;
import dev.vigil.ipvs.IpAddress;
import dev.vigil.ipvs.listing.ConnectionRow;
import dev.vigil.ipvs.sched.RealServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The IPVS connection table (ip_vs_conn.c) as a pure structure driven by an injected clock:
 * entries, their per-state timers, and the destination accounting that goes with them.
 *
 * <ul>
 *   <li>A new connection starts in state NONE, counted as <em>inactive</em> on its
 *       destination, with a 3 s timer ({@code ip_vs_conn_new}); the caller then feeds the
 *       first packet through {@link #tcpPacket} or {@link #udpPacket}.</li>
 *   <li>TCP counts as active in SYN_SENT, SYN_RECV, ESTABLISHED and SYNACK and inactive
 *       otherwise ({@code set_tcp_state}, {@code tcp_state_active_table}; kernels before
 *       4.x counted only ESTABLISHED); UDP connections stay inactive for life. A controlled
 *       connection reaching ESTABLISHED marks its template ASSURED.</li>
 *   <li>Every packet re-arms the entry's timer with its state's timeout.</li>
 *   <li>{@link #expire()} removes due entries and unbinds them from their destination. A
 *       template that still controls connections is re-armed instead (its stickiness lasts
 *       at least as long as its connections).</li>
 * </ul>
 *
 * <p>Not thread-safe: one owner thread. {@code ConnectionScheduler} creates the entries.
 */
public final class ConnectionTable {

    /** {@code ip_vs_conn_new}: a fresh entry lives 3 s until its first state transition. */
    private static final long INITIAL_TIMEOUT_NANOS = Duration.ofSeconds(3).toNanos();
    private static final long SECOND = 1_000_000_000L;

    private final Ticker ticker;
    private ConnectionTimeouts timeouts;
    private final Map<ConnectionKey, Connection> hashed = new HashMap<>();
    private final Set<Connection> all = new LinkedHashSet<>();
    private final PriorityQueue<Deadline> timers = new PriorityQueue<>();

    private record Deadline(long at, Connection connection) implements Comparable<Deadline> {
        @Override
        public int compareTo(Deadline o) {
            return Long.compare(at, o.at);
        }
    }

    public ConnectionTable(Ticker ticker, ConnectionTimeouts timeouts) {
        this.ticker = ticker;
        this.timeouts = timeouts;
    }

    public void setTimeouts(ConnectionTimeouts newTimeouts) {
        this.timeouts = newTimeouts;
    }

    public ConnectionTimeouts timeouts() {
        return timeouts;
    }

    /** The live (hashed) entry for these packet fields, template or connection. */
    public Optional<Connection> lookup(int protocol, IpAddress client, int clientPort, IpAddress virtualAddress,
                                       int virtualPort) {
        return Optional.ofNullable(hashed.get(new ConnectionKey(protocol, client, clientPort, virtualAddress,
                virtualPort)));
    }

    /** Adds and binds a connection (not a template); it starts inactive in state NONE. */
    Connection addConnection(int protocol, IpAddress client, int clientPort, IpAddress virtualAddress,
                             int virtualPort, RealServer dest, int destPort, boolean noOutput, Connection controller) {
        Connection c = new Connection(protocol, client, clientPort, virtualAddress, virtualPort, dest, destPort,
                false, controller);
        c.setNoOutput(noOutput);
        c.setTimeout(INITIAL_TIMEOUT_NANOS);
        dest.bind(false, true);
        if (controller != null) {
            controller.addControlled(1);
        }
        insert(c);
        return c;
    }

    /** Adds and binds a persistence template living {@code timeoutSeconds} after each use. */
    Connection addTemplate(int protocol, IpAddress clientNet, IpAddress virtualAddress, int virtualPort,
                           RealServer dest, int destPort, int timeoutSeconds) {
        Connection t = new Connection(protocol, clientNet, 0, virtualAddress, virtualPort, dest, destPort, true, null);
        t.setTimeout(timeoutSeconds * SECOND);
        dest.bind(true, false);
        insert(t);
        return t;
    }

    private void insert(Connection c) {
        hashed.put(ConnectionKey.of(c), c);
        all.add(c);
        rearm(c);
    }

    /**
     * Restarts an entry's timer with its current timeout ({@code ip_vs_conn_put}). The timer
     * queue holds at most one live deadline per entry: a later expiry is not queued again
     * (the earlier deadline, when it comes up, re-queues the entry at its real expiry), so a
     * busy connection re-armed on every packet does not grow the queue.
     */
    void rearm(Connection c) {
        c.armTimer(ticker.nanoTime());
        if (!c.isQueued() || c.expiresAtNanos() < c.queuedAt()) {
            queue(c);
        }
    }

    private void queue(Connection c) {
        timers.add(new Deadline(c.expiresAtNanos(), c));
        c.setQueued(true, c.expiresAtNanos());
    }

    /**
     * The queue's first deadline that is still meaningful, after dropping superseded ones and
     * moving entries whose timer was pushed back to their real expiry; null when none.
     */
    private Deadline head() {
        while (!timers.isEmpty()) {
            Deadline d = timers.peek();
            Connection c = d.connection();
            if (!all.contains(c) || !c.isQueued() || c.queuedAt() != d.at()) {
                timers.poll();
            } else if (c.expiresAtNanos() > d.at()) {
                timers.poll();
                queue(c);
            } else {
                return d;
            }
        }
        return null;
    }

    /**
     * Takes an invalid template out of lookups ({@code ip_vs_check_template}): it is rehashed
     * under port 65535 and left to expire on its current timer, still counted on its server.
     */
    void invalidate(Connection template) {
        if (template.isHashed()) {
            hashed.remove(ConnectionKey.of(template));
            template.invalidate();
        }
    }

    /** A TCP segment of a known connection: state transition, accounting, timer. */
    public void tcpPacket(Connection c, Direction direction, TcpFlags flags) {
        boolean inputOnly = false;
        if (c.noOutput()) {
            if (direction == Direction.OUTPUT) {
                c.setNoOutput(false);
            } else {
                inputOnly = true;
            }
        }
        TcpState next = TcpStateTable.next(c.tcpState(), direction, inputOnly, flags);
        if (next != c.tcpState()) {
            boolean active = TcpStateTable.isActive(next);
            if (!c.isInactive() && !active) {
                c.destination().activityChanged(false);
                c.setInactive(true);
            } else if (c.isInactive() && active) {
                c.destination().activityChanged(true);
                c.setInactive(false);
            }
            if (next == TcpState.ESTABLISHED && c.controller() != null) {
                c.controller().assure();
            }
        }
        c.setTcpState(next);
        c.setTimeout(timeouts.seconds(next) * SECOND);
        rearm(c);
    }

    /** A UDP datagram of a known connection: the timer restarts with the UDP timeout. */
    public void udpPacket(Connection c) {
        c.setTimeout(timeouts.udpSeconds() * SECOND);
        rearm(c);
    }

    /** Removes every entry whose timer is due and returns them; re-arms busy templates. */
    public List<Connection> expire() {
        List<Connection> gone = new ArrayList<>();
        expire(Integer.MAX_VALUE, gone);
        return gone;
    }

    /**
     * {@link #expire()} in slices: at most {@code maxSteps} steps of the timer queue (an
     * entry expired or re-armed, a superseded deadline dropped, a postponed one moved),
     * adding the expired entries to {@code gone}. Returns true when nothing more is due,
     * false when the slice ended first. A caller sharing the table between threads can so
     * release its lock between slices: with tens of thousands of entries due (thousands of
     * new connections a second, each lingering in CLOSE), one whole expiry takes
     * milliseconds.
     */
    public boolean expire(int maxSteps, List<Connection> gone) {
        return expire(maxSteps, gone, c -> false);
    }

    /**
     * {@link #expire(int, List)} that stops, leaving the entry in place and returning false,
     * at the first entry that is due to be removed and for which {@code defer} is true (e.g.
     * an entry whose traffic the caller has not yet charged).
     */
    public boolean expire(int maxSteps, List<Connection> gone, Predicate<Connection> defer) {
        long now = ticker.nanoTime();
        for (int step = 0; step < maxSteps; step++) {
            Deadline d = timers.peek();
            if (d == null || d.at() > now) {
                return true;
            }
            Connection c = d.connection();
            if (!all.contains(c) || !c.isQueued() || c.queuedAt() != d.at()) {
                timers.poll();
                continue;
            }
            if (c.expiresAtNanos() > d.at()) {
                timers.poll();
                queue(c);
                continue;
            }
            boolean stays = c.isTemplate() && c.controlledCount() > 0;
            if (!stays && defer.test(c)) {
                return false;
            }
            timers.poll();
            c.setQueued(false, 0);
            if (stays) {
                rearm(c);
                continue;
            }
            remove(c);
            gone.add(c);
        }
        return false;
    }

    private void remove(Connection c) {
        all.remove(c);
        if (c.isHashed()) {
            hashed.remove(ConnectionKey.of(c));
        }
        c.destination().unbind(c.isTemplate(), c.isInactive());
        if (c.controller() != null) {
            c.controller().addControlled(-1);
        }
    }

    /** Nanoseconds until the next timer, or -1 when the table is empty. */
    public long nanosToNextExpiry() {
        Deadline d = head();
        return d == null ? -1 : Math.max(0, d.at() - ticker.nanoTime());
    }

    public int size() {
        return all.size();
    }

    /** Every entry, templates included, in insertion order. */
    public List<Connection> entries() {
        return List.copyOf(all);
    }

    /** The rows /proc/net/ip_vs_conn would show (whole seconds left, rounded down). */
    public List<ConnectionRow> rows() {
        long now = ticker.nanoTime();
        List<ConnectionRow> rows = new ArrayList<>(all.size());
        for (Connection c : all) {
            long left = Math.max(0, c.expiresAtNanos() - now) / SECOND;
            rows.add(ConnectionRow.of(c.protocolLabel(), c.client(), c.clientPort(), c.virtualAddress(),
                    c.virtualPort(), c.destination().address(), c.destinationPort(), c.stateName(), left));
        }
        return rows;
    }
}
