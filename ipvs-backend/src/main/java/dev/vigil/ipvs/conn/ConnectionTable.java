package dev.vigil.ipvs.conn;

import dev.vigil.common.time.Ticker;
import dev.vigil.ipvs.IpAddress;
import dev.vigil.ipvs.listing.ConnectionRow;
import dev.vigil.ipvs.sched.RealServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private final TimerHeap timers = new TimerHeap();
    /** Every entry, templates included, in insertion order: a list threaded through the entries. */
    private Connection first;
    private Connection last;
    private int size;

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
        // A tuple seen again while its old entry lingers (a client reusing its port) hides
        // the old entry from lookups; the old one stays listed until its timer ends it.
        hashed.put(ConnectionKey.of(c), c);
        c.setPrevious(last);
        if (last == null) {
            first = c;
        } else {
            last.setNext(c);
        }
        last = c;
        size++;
        rearm(c);
    }

    private void unlist(Connection c) {
        Connection previous = c.previous();
        Connection next = c.next();
        if (previous == null) {
            first = next;
        } else {
            previous.setNext(next);
        }
        if (next == null) {
            last = previous;
        } else {
            next.setPrevious(previous);
        }
        c.setPrevious(null);
        c.setNext(null);
        size--;
    }

    /**
     * Restarts an entry's timer with its current timeout ({@code ip_vs_conn_put}). An entry
     * is queued once: an earlier expiry moves it up in the timer heap at once, a later one is
     * only noted (the heap moves the entry to its real expiry when the old deadline comes
     * up), so a busy connection re-armed on every packet costs no heap work.
     */
    void rearm(Connection c) {
        c.armTimer(ticker.nanoTime());
        if (!c.isQueued() || c.expiresAtNanos() < c.queuedAt()) {
            timers.schedule(c, c.expiresAtNanos());
        }
    }

    /**
     * The entry with the first deadline that is real, after moving entries whose timer was
     * pushed back to their real expiry; null when none.
     */
    private Connection head() {
        Connection c;
        while ((c = timers.peek()) != null && c.expiresAtNanos() > c.queuedAt()) {
            timers.schedule(c, c.expiresAtNanos());
        }
        return c;
    }

    /**
     * Takes an invalid template out of lookups ({@code ip_vs_check_template}): it is rehashed
     * under port 65535 and left to expire on its current timer, still counted on its server.
     */
    void invalidate(Connection template) {
        if (template.isHashed()) {
            hashed.remove(ConnectionKey.of(template), template);
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
            Connection c = timers.peek();
            if (c == null || c.queuedAt() > now) {
                return true;
            }
            if (c.expiresAtNanos() > c.queuedAt()) {
                timers.schedule(c, c.expiresAtNanos());
                continue;
            }
            boolean stays = c.isTemplate() && c.controlledCount() > 0;
            if (!stays && defer.test(c)) {
                return false;
            }
            timers.remove(c);
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
        unlist(c);
        if (c.isHashed()) {
            hashed.remove(ConnectionKey.of(c), c);
        }
        c.destination().unbind(c.isTemplate(), c.isInactive());
        if (c.controller() != null) {
            c.controller().addControlled(-1);
        }
    }

    /** Nanoseconds until the next timer, or -1 when the table is empty. */
    public long nanosToNextExpiry() {
        Connection c = head();
        return c == null ? -1 : Math.max(0, c.queuedAt() - ticker.nanoTime());
    }

    public int size() {
        return size;
    }

    /** Every entry, templates included, in insertion order. */
    public List<Connection> entries() {
        List<Connection> entries = new ArrayList<>(size);
        for (Connection c = first; c != null; c = c.next()) {
            entries.add(c);
        }
        return Collections.unmodifiableList(entries);
    }

    /** The rows /proc/net/ip_vs_conn would show (whole seconds left, rounded down). */
    public List<ConnectionRow> rows() {
        long now = ticker.nanoTime();
        List<ConnectionRow> rows = new ArrayList<>(size);
        for (Connection c = first; c != null; c = c.next()) {
            long left = Math.max(0, c.expiresAtNanos() - now) / SECOND;
            rows.add(ConnectionRow.of(c.protocolLabel(), c.client(), c.clientPort(), c.virtualAddress(),
                    c.virtualPort(), c.destination().address(), c.destinationPort(), c.stateName(), left));
        }
        return rows;
    }
}
