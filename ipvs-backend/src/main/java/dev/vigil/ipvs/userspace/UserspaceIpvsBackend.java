package dev.vigil.ipvs.userspace;

import dev.vigil.common.time.ExecutorScheduler;
import dev.vigil.common.time.Scheduler;
import dev.vigil.ipvs.Destination;
import dev.vigil.ipvs.DestinationKey;
import dev.vigil.ipvs.IpvsBackend;
import dev.vigil.ipvs.IpvsError;
import dev.vigil.ipvs.IpvsResult;
import dev.vigil.ipvs.Protocol;
import dev.vigil.ipvs.ServiceKey;
import dev.vigil.ipvs.VirtualService;
import dev.vigil.ipvs.VirtualTable;
import dev.vigil.ipvs.conn.ConnectionTimeouts;
import dev.vigil.ipvs.listing.ConnectionRow;
import dev.vigil.ipvs.sched.LocalityCacheSettings;
import dev.vigil.ipvs.sched.Schedulers;
import dev.vigil.linux.NetNamespace;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * An IPVS table served by a userspace L4 proxy on Netty: every TCP or UDP virtual service
 * gets listeners on its VIP:port, and each new client flow is scheduled exactly as the
 * kernel would schedule it — the same schedulers, persistence templates, weight-0
 * quiescing, thresholds and connection-table states ({@code dev.vigil.ipvs.sched},
 * {@code dev.vigil.ipvs.conn}) — then relayed to the chosen real server.
 *
 * <h2>What differs from kernel IPVS</h2>
 * <ul>
 *   <li><b>Always a proxy.</b> The forwarding method of a destination (NAT, DR, TUN,
 *       local) is stored and reported as configured — {@code ipvsadm -L} prints Masq,
 *       Route or Tunnel — but traffic is always proxied: the real server sees a connection
 *       from the director, not from the client. Enable the PROXY protocol
 *       ({@link #setProxyProtocol}) for real servers that need the client address.</li>
 *   <li><b>No fwmark, port-0 or SCTP services.</b> Adding one fails with
 *       {@link IpvsError#INVALID_ARGUMENT} and a message saying why (netfilter marks are
 *       invisible to sockets; "all ports" would need a listener per port; no SCTP
 *       transport).</li>
 *   <li><b>One-packet scheduling</b> ({@code ops}) is stored and reported, but a UDP client
 *       keeps one association (and one real server) until it has been idle for the UDP
 *       timeout, since replies must find their way back through the proxy.</li>
 *   <li><b>Counters.</b> Packets are socket reads (the kernel coalesces segments), bytes
 *       are payload bytes without headers; both directions are counted for every forwarding
 *       method. Rates come from the kernel's estimator, sampled every 2 s.</li>
 *   <li><b>Listening.</b> With epoll, listeners use IP_FREEBIND (binding a VIP the node
 *       does not hold yet); a TCP service has one socket that every event loop watches
 *       (EPOLLEXCLUSIVE: a new connection wakes one waiting loop), a UDP service one
 *       socket per loop (SO_REUSEPORT). With the NIO fallback there is one listener per
 *       service and a VIP must be local to bind.</li>
 * </ul>
 *
 * <h2>Behaviour kept from IPVS</h2>
 * Deleting a destination stops new flows to it while its open connections keep flowing;
 * deleting a service (or flushing) closes its listeners and UDP associations, while
 * established TCP connections run on until they end. Per-state timeouts
 * ({@link ForwarderSettings#timeouts()}) close idle flows.
 *
 * <h2>Threading and lifecycle</h2>
 * Table operations may come from any thread that is not one of the forwarder's event
 * loops; they are serialised and block until listeners are bound or closed. Event loops
 * (one per core by default) start in the constructor. Network namespace: with
 * {@link ForwarderSettings#netNamespace()} the loops enter that namespace as they start and
 * listeners are bound from a thread inside it, so the forwarder listens and connects there
 * whatever thread calls it. Without it, a backend created on a thread inside a namespace
 * forwards inside that namespace (the loops inherit it), and the table operations must come
 * from that namespace too (listener sockets are created by the calling thread).
 * {@link #close()} stops everything.
 */
public final class UserspaceIpvsBackend implements IpvsBackend, AutoCloseable {

    private final Object configLock = new Object();
    private final EventLoopGroup group;
    private final Transport transport;
    private final ForwarderState state;
    private final ForwardingContext context;
    private final ListenerBinder binder;
    private final Scheduler housekeeping;
    /** The thread of the default housekeeping, kept off the event loops; null when injected. */
    private final EventExecutor housekeepingThread;
    /** Guards nextTick, so housekeeping never waits for a table operation. */
    private final Object tickLock = new Object();
    private Scheduler.Cancellable nextTick;
    private volatile boolean closed;

    /** A forwarder on the system clock; housekeeping runs on a thread of its own. */
    public UserspaceIpvsBackend(ForwarderSettings settings) {
        this(settings, null);
    }

    /**
     * A forwarder whose housekeeping (2 s estimator ticks, idle timeouts) and connection
     * table follow {@code housekeeping}, e.g. a {@code FakeScheduler} in tests; null means
     * the system clock on a housekeeping thread.
     *
     * @throws IllegalStateException when the settings name a network namespace that the
     *                               event loops cannot enter
     */
    public UserspaceIpvsBackend(ForwarderSettings settings, Scheduler housekeeping) {
        this.transport = Transport.select(settings.preferNativeTransport());
        this.group = new MultiThreadIoEventLoopGroup(settings.eventLoops(), transport.ioHandlerFactory());
        for (EventExecutor loop : group) {
            Future<?> started = loop.submit(() -> {
                if (settings.netNamespace().isPresent()) {
                    NetNamespace.enterIn(settings.netNamespace().get());
                }
                return null;
            }).awaitUninterruptibly();
            if (!started.isSuccess()) {
                group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
                throw new IllegalStateException("the forwarder cannot enter network namespace "
                        + settings.netNamespace().orElseThrow() + " (" + started.cause().getMessage()
                        + "); check that the namespace exists (ip netns add) and that Vigil has CAP_SYS_ADMIN",
                        started.cause());
            }
        }
        this.housekeepingThread = housekeeping != null ? null
                : new DefaultEventExecutor(new DefaultThreadFactory("vigil-forwarder-housekeeping", true));
        this.housekeeping = housekeeping != null ? housekeeping : new ExecutorScheduler(housekeepingThread);
        Schedulers schedulers = new Schedulers(this.housekeeping, new Random(), LocalityCacheSettings.DEFAULT);
        this.state = new ForwarderState(this.housekeeping, schedulers, settings.timeouts(),
                settings.expireQuiescentTemplate());
        // Pooled direct buffers: epoll reads and writes them without a copy.
        this.context = new ForwardingContext(state, transport, settings, new PooledByteBufAllocator(true));
        this.binder = new ListenerBinder(context, group);
        synchronized (tickLock) {
            nextTick = this.housekeeping.schedule(RateEstimator.INTERVAL_NANOS, this::tick);
        }
    }

    private void tick() {
        for (Session idle : state.tick()) {
            idle.close();
        }
        synchronized (tickLock) {
            if (!closed) {
                nextTick = housekeeping.schedule(RateEstimator.INTERVAL_NANOS, this::tick);
            }
        }
    }

    @Override
    public IpvsResult addService(VirtualService service) {
        Optional<IpvsResult> invalid = TableRules.checkService(service);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        synchronized (configLock) {
            if (closed) {
                return IpvsResult.failed(IpvsError.UNAVAILABLE, "forwarder closed");
            }
            if (state.contains(service.key())) {
                return IpvsResult.failed(IpvsError.SERVICE_EXISTS, "service " + service.key() + " exists");
            }
            ServiceState fresh = new ServiceState(service, state.newScheduler(service));
            Optional<IpvsResult> bindFailure = binder.bind(fresh);
            if (bindFailure.isPresent()) {
                return bindFailure.get();
            }
            state.putService(fresh);
            return IpvsResult.OK;
        }
    }

    @Override
    public IpvsResult editService(VirtualService service) {
        Optional<IpvsResult> invalid = TableRules.checkService(service);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        synchronized (configLock) {
            return state.editService(service);
        }
    }

    @Override
    public IpvsResult deleteService(ServiceKey key) {
        synchronized (configLock) {
            Optional<ServiceState> removed = state.removeService(key);
            if (removed.isEmpty()) {
                return TableRules.missingService(key);
            }
            removed.get().listeners().close();
            return IpvsResult.OK;
        }
    }

    @Override
    public IpvsResult addDestination(ServiceKey service, Destination destination) {
        synchronized (configLock) {
            return state.addDestination(service, destination);
        }
    }

    @Override
    public IpvsResult editDestination(ServiceKey service, Destination destination) {
        synchronized (configLock) {
            return state.editDestination(service, destination);
        }
    }

    @Override
    public IpvsResult deleteDestination(ServiceKey service, DestinationKey destination) {
        synchronized (configLock) {
            return state.deleteDestination(service, destination);
        }
    }

    @Override
    public IpvsResult flush() {
        synchronized (configLock) {
            for (ServiceState s : state.removeAll()) {
                s.listeners().close();
            }
            return IpvsResult.OK;
        }
    }

    @Override
    public VirtualTable snapshot() {
        return state.snapshot();
    }

    /**
     * Sends a PROXY protocol header of {@code version} (empty = none) to the real server at
     * the start of every new connection of the TCP service {@code key}. A userspace-only
     * setting kept beside the table: it may be set before the service exists, survives
     * edits of the service and is not reported by {@link #snapshot()}.
     */
    public IpvsResult setProxyProtocol(ServiceKey key, Optional<ProxyProtocol> version) {
        if (!(key instanceof ServiceKey.Inet inet) || inet.protocol() != Protocol.TCP) {
            return IpvsResult.failed(IpvsError.INVALID_ARGUMENT, "the PROXY protocol applies to TCP services only");
        }
        state.setProxyProtocol(key, version);
        return IpvsResult.OK;
    }

    public Optional<ProxyProtocol> proxyProtocol(ServiceKey key) {
        return state.proxyProtocol(key);
    }

    /** The connection table as {@code ipvsadm -L -n -c} shows it (format with IpvsadmFormat). */
    public List<ConnectionRow> connections() {
        return state.connectionRows();
    }

    /** The per-state timeouts in force ({@code ipvsadm -L --timeout}). */
    public ConnectionTimeouts timeouts() {
        return state.timeouts();
    }

    /**
     * {@code ipvsadm --set}: new per-state timeouts, applied (as in the kernel) when an entry
     * next changes state or sees traffic.
     */
    public void setTimeouts(ConnectionTimeouts timeouts) {
        state.setTimeouts(timeouts);
    }

    /** Live proxied flows (TCP connection pairs and UDP associations). */
    public int activeFlows() {
        return state.sessionCount();
    }

    /** Bytes queued inside the forwarder, over all flows and both directions. */
    public long pendingWriteBytes() {
        return state.pendingWriteBytes();
    }

    /** The event loops (package-private: tests stall one to see that the others take over). */
    EventLoopGroup eventLoops() {
        return group;
    }

    /** TCP sessions per event loop on the epoll relay (package-private: tests check the balance). */
    List<Integer> relaySessionsPerLoop() {
        return binder.relaySessionsPerLoop();
    }

    /** "epoll" or "nio". */
    public String transportName() {
        return transport.name();
    }

    /** Why the native transport is not used, if it is not. */
    public Optional<String> nativeTransportUnavailableReason() {
        return transport.fallbackReason();
    }

    /** Closes listeners and every flow and stops the event loops; idempotent. */
    @Override
    public void close() {
        synchronized (configLock) {
            if (closed) {
                return;
            }
            closed = true;
            synchronized (tickLock) {
                nextTick.cancel();
            }
            for (ServiceState s : state.removeAll()) {
                s.listeners().close();
            }
        }
        state.sessions().forEach(Session::close);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        if (housekeepingThread != null) {
            housekeepingThread.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
