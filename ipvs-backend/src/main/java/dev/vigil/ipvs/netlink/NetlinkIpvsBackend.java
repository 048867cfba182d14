package dev.vigil.ipvs.netlink;

import dev.vigil.ipvs.Destination;
import dev.vigil.ipvs.DestinationEntry;
import dev.vigil.ipvs.DestinationKey;
import dev.vigil.ipvs.IpvsBackend;
import dev.vigil.ipvs.IpvsError;
import dev.vigil.ipvs.IpvsInfo;
import dev.vigil.ipvs.IpvsResult;
import dev.vigil.ipvs.ServiceEntry;
import dev.vigil.ipvs.ServiceKey;
import dev.vigil.ipvs.VirtualService;
import dev.vigil.ipvs.VirtualTable;
import dev.vigil.ipvs.listing.ConnectionRow;
import dev.vigil.linux.Capability;
import dev.vigil.linux.NativeException;
import dev.vigil.linux.NetNamespace;
import dev.vigil.linux.netlink.GenericNetlink;
import dev.vigil.linux.netlink.GenlFamily;
import dev.vigil.linux.netlink.GenlMessage;
import dev.vigil.linux.netlink.NetlinkMessageBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The kernel's IPVS table, driven over the "IPVS" generic netlink family as ipvsadm and
 * keepalived drive it (shared/reference/ipvs.md §1). Each {@link IpvsBackend} operation is
 * one kernel command built by {@link IpvsRequests}; the kernel's errno becomes an
 * {@link IpvsError} through {@link KernelErrors}. Every command needs CAP_NET_ADMIN.
 *
 * <p>Lifecycle: {@link #open()} opens a NETLINK_GENERIC socket in the calling thread's network
 * namespace, resolves the family and reads GET_INFO (as libipvs's {@code ipvs_init} does);
 * a kernel without IPVS makes it fail with {@link IpvsUnavailableException} whose message is
 * {@value #NO_IPVS}. {@link #probe()} answers the same question without keeping a socket.
 * {@link #close()} releases the socket; operations after it fail with
 * {@link IpvsError#UNAVAILABLE}.
 *
 * <p>Thread-safe: requests are serialised on the socket. A {@link #snapshot()} is a service
 * dump followed by one destination dump per service, so it is not atomic against other
 * writers; a service deleted between the two dumps is left out.
 */
public final class NetlinkIpvsBackend implements IpvsBackend, AutoCloseable {

    /** The operator message when the kernel has no IPVS (no ip_vs module). */
    public static final String NO_IPVS = "the kernel has no IPVS; use --backend userspace";

    private final GenericNetlink genl;
    private final GenlFamily family;
    private final IpvsInfo info;

    private NetlinkIpvsBackend(GenericNetlink genl, GenlFamily family, IpvsInfo info) {
        this.genl = genl;
        this.family = family;
        this.info = info;
    }

    /** Opens the kernel backend in the calling thread's network namespace. */
    public static NetlinkIpvsBackend open() throws IpvsUnavailableException {
        GenericNetlink genl;
        try {
            genl = GenericNetlink.open();
        } catch (NativeException e) {
            throw new IpvsUnavailableException(IpvsProbe.Reason.NO_NETLINK,
                    "cannot open a generic netlink socket (" + e.getMessage() + "); use --backend userspace", e);
        }
        return over(genl);
    }

    /**
     * Opens the kernel backend on the IPVS table of another network namespace (keepalived's
     * {@code net_namespace_ipvs}): the generic netlink socket is made inside {@code namespace}
     * (a namespace file such as {@code /var/run/netns/NAME}), and a socket keeps the namespace
     * it was made in, so every command then goes to that namespace's table.
     */
    public static NetlinkIpvsBackend openIn(Path namespace) throws IpvsUnavailableException {
        GenericNetlink genl;
        try {
            genl = NetNamespace.callIn(namespace, GenericNetlink::open);
        } catch (NativeException e) {
            throw new IpvsUnavailableException(IpvsProbe.Reason.NO_NETLINK, "cannot open a generic netlink socket in "
                    + namespace + " (" + e.getMessage() + "); check that the namespace exists (ip netns add) and"
                    + " that Vigil has CAP_SYS_ADMIN", e);
        } catch (Exception e) {
            throw new IpvsUnavailableException(IpvsProbe.Reason.NO_NETLINK, "cannot open a generic netlink socket in "
                    + namespace + " (" + e + ")", e);
        }
        return over(genl);
    }

    /**
     * The kernel backend over an open generic netlink channel (a test's fake kernel, or a
     * socket opened in another namespace). Takes ownership: the channel is closed by
     * {@link #close()}, or at once when this fails.
     */
    public static NetlinkIpvsBackend over(GenericNetlink genl) throws IpvsUnavailableException {
        Objects.requireNonNull(genl, "genl");
        try {
            Optional<GenlFamily> family = genl.resolveFamily(IpvsAttributes.FAMILY_NAME);
            if (family.isEmpty()) {
                throw new IpvsUnavailableException(IpvsProbe.Reason.NO_IPVS, NO_IPVS, null);
            }
            List<GenlMessage> replies = genl.request(IpvsRequests.getInfo(family.get()), family.get(),
                    IpvsCommand.GET_INFO.label(), Capability.CAP_NET_ADMIN);
            Decoded<IpvsInfo> info = replies.isEmpty()
                    ? Decoded.malformed("no reply to GET_INFO") : IpvsReplies.info(replies.getFirst());
            return switch (info) {
                case Decoded.Value<IpvsInfo> v -> new NetlinkIpvsBackend(genl, family.get(), v.value());
                case Decoded.Malformed<IpvsInfo> m ->
                        throw new IpvsUnavailableException(IpvsProbe.Reason.FAILED, "IPVS: " + m.reason(), null);
            };
        } catch (NativeException e) {
            genl.close();
            IpvsProbe.Reason reason = e.isPermissionDenied() ? IpvsProbe.Reason.PERMISSION_DENIED
                    : IpvsProbe.Reason.FAILED;
            throw new IpvsUnavailableException(reason, "IPVS: " + e.getMessage(), e);
        } catch (IpvsUnavailableException e) {
            genl.close();
            throw e;
        }
    }

    /**
     * Whether the kernel backend can run here (calling thread's namespace): opens, asks
     * GET_INFO and closes. Never throws.
     */
    public static IpvsProbe probe() {
        try (NetlinkIpvsBackend backend = open()) {
            return new IpvsProbe.Available(backend.info());
        } catch (IpvsUnavailableException e) {
            return e.toProbe();
        }
    }

    /** The resolved family (its dynamic id). */
    public GenlFamily family() {
        return family;
    }

    /** Version and connection-table size as GET_INFO reported them when this was opened. */
    @Override
    public IpvsInfo info() {
        return info;
    }

    @Override
    public IpvsResult addService(VirtualService service) {
        return execute(IpvsCommand.NEW_SERVICE, IpvsRequests.newService(family, service),
                IpvsReplies.describe(service.key()));
    }

    @Override
    public IpvsResult editService(VirtualService service) {
        return execute(IpvsCommand.SET_SERVICE, IpvsRequests.setService(family, service),
                IpvsReplies.describe(service.key()));
    }

    @Override
    public IpvsResult deleteService(ServiceKey key) {
        return execute(IpvsCommand.DEL_SERVICE, IpvsRequests.delService(family, key), IpvsReplies.describe(key));
    }

    @Override
    public IpvsResult addDestination(ServiceKey service, Destination destination) {
        return addDestination(service, destination, Tunnel.IPIP);
    }

    /** NEW_DEST with tunnel settings for a TUNNEL destination (ignored for other methods). */
    public IpvsResult addDestination(ServiceKey service, Destination destination, Tunnel tunnel) {
        return execute(IpvsCommand.NEW_DEST, IpvsRequests.newDest(family, service, destination, tunnel),
                IpvsReplies.describe(service) + " -> " + destination.key());
    }

    @Override
    public IpvsResult editDestination(ServiceKey service, Destination destination) {
        return editDestination(service, destination, Tunnel.IPIP);
    }

    /** SET_DEST with tunnel settings for a TUNNEL destination (ignored for other methods). */
    public IpvsResult editDestination(ServiceKey service, Destination destination, Tunnel tunnel) {
        return execute(IpvsCommand.SET_DEST, IpvsRequests.setDest(family, service, destination, tunnel),
                IpvsReplies.describe(service) + " -> " + destination.key());
    }

    @Override
    public IpvsResult deleteDestination(ServiceKey service, DestinationKey destination) {
        return execute(IpvsCommand.DEL_DEST, IpvsRequests.delDest(family, service, destination),
                IpvsReplies.describe(service) + " -> " + destination);
    }

    @Override
    public IpvsResult flush() {
        return execute(IpvsCommand.FLUSH, IpvsRequests.flush(family), "all services");
    }

    /** ZERO: the counters of {@code service} and its destinations, or of everything when empty. */
    public IpvsResult zero(Optional<ServiceKey> service) {
        return execute(IpvsCommand.ZERO, IpvsRequests.zero(family, service),
                service.map(IpvsReplies::describe).orElse("all services"));
    }

    /** SET_CONFIG: the TCP, TCP FIN and UDP timeouts (0 leaves one unchanged). */
    public IpvsResult setTimeouts(IpvsTimeouts timeouts) {
        return execute(IpvsCommand.SET_CONFIG, IpvsRequests.setConfig(family, timeouts), timeouts.toString());
    }

    /** GET_CONFIG: the current timeouts. */
    public KernelReply<IpvsTimeouts> timeouts() {
        KernelReply<List<GenlMessage>> replies = query(IpvsCommand.GET_CONFIG, IpvsRequests.getConfig(family), "");
        return switch (replies) {
            case KernelReply.Failed<List<GenlMessage>> f -> new KernelReply.Failed<>(f.error(), f.detail());
            case KernelReply.Value<List<GenlMessage>> v -> v.value().isEmpty()
                    ? malformed("no reply to GET_CONFIG") : lift(IpvsReplies.timeouts(v.value().getFirst()));
        };
    }

    /** NEW_DAEMON: starts a sync daemon (at most one master and one backup run). */
    public IpvsResult startSyncDaemon(SyncDaemon daemon) {
        return execute(IpvsCommand.NEW_DAEMON, IpvsRequests.newDaemon(family, daemon),
                daemon.state() + " " + daemon.interfaceName() + " syncid " + daemon.syncId());
    }

    /** DEL_DAEMON: stops the sync daemon of that state. */
    public IpvsResult stopSyncDaemon(SyncDaemon.State state) {
        return execute(IpvsCommand.DEL_DAEMON, IpvsRequests.delDaemon(family, state), state.toString());
    }

    /** GET_DAEMON: the running sync daemons with the settings the kernel uses. */
    public KernelReply<List<SyncDaemon>> syncDaemons() {
        KernelReply<List<GenlMessage>> dump = query(IpvsCommand.GET_DAEMON, IpvsRequests.dumpDaemons(family), "dump");
        if (dump instanceof KernelReply.Failed<List<GenlMessage>> f) {
            return new KernelReply.Failed<>(f.error(), f.detail());
        }
        List<SyncDaemon> daemons = new ArrayList<>();
        for (GenlMessage message : ((KernelReply.Value<List<GenlMessage>>) dump).value()) {
            switch (IpvsReplies.daemon(message)) {
                case Decoded.Value<SyncDaemon> d -> daemons.add(d.value());
                case Decoded.Malformed<SyncDaemon> m -> {
                    return malformed("daemon dump: " + m.reason());
                }
            }
        }
        return new KernelReply.Value<>(List.copyOf(daemons));
    }

    /** The whole table with counters, or why it could not be read. */
    public KernelReply<VirtualTable> readTable() {
        KernelReply<List<GenlMessage>> dump = query(IpvsCommand.GET_SERVICE, IpvsRequests.dumpServices(family), "dump");
        if (dump instanceof KernelReply.Failed<List<GenlMessage>> f) {
            return new KernelReply.Failed<>(f.error(), f.detail());
        }
        List<ServiceEntry> services = new ArrayList<>();
        for (GenlMessage message : ((KernelReply.Value<List<GenlMessage>>) dump).value()) {
            KernelReply<Optional<ServiceEntry>> entry = switch (IpvsReplies.service(message)) {
                case Decoded.Value<ServiceEntry> service -> withDestinations(service.value());
                case Decoded.Malformed<ServiceEntry> m -> malformed("service dump: " + m.reason());
            };
            switch (entry) {
                case KernelReply.Failed<Optional<ServiceEntry>> f -> {
                    return new KernelReply.Failed<>(f.error(), f.detail());
                }
                case KernelReply.Value<Optional<ServiceEntry>> v -> v.value().ifPresent(services::add);
            }
        }
        return new KernelReply.Value<>(new VirtualTable(services));
    }

    /**
     * The connection table ({@code ipvsadm -L -n -c}), read from {@code /proc/net/ip_vs_conn}
     * of the calling thread's process (see {@link KernelConnections}).
     */
    public KernelReply<List<ConnectionRow>> connections() {
        return KernelConnections.read();
    }

    /**
     * {@link #readTable()}, for the {@link IpvsBackend} contract, which has no failure
     * channel for reads.
     *
     * @throws IllegalStateException when the kernel could not be read (the message says why)
     */
    @Override
    public VirtualTable snapshot() {
        return switch (readTable()) {
            case KernelReply.Value<VirtualTable> v -> v.value();
            case KernelReply.Failed<VirtualTable> f ->
                    throw new IllegalStateException("cannot read the IPVS table: " + f.detail());
        };
    }

    /** Closes the socket; idempotent. */
    @Override
    public void close() {
        genl.close();
    }

    /** The service with its destinations; empty when it vanished before its destinations were read. */
    private KernelReply<Optional<ServiceEntry>> withDestinations(ServiceEntry service) {
        KernelReply<List<GenlMessage>> dump = query(IpvsCommand.GET_DEST, IpvsRequests.dumpDests(family, service.key()),
                IpvsReplies.describe(service.key()));
        if (dump instanceof KernelReply.Failed<List<GenlMessage>> f) {
            return f.error() == IpvsError.SERVICE_NOT_FOUND
                    ? new KernelReply.Value<>(Optional.empty()) : new KernelReply.Failed<>(f.error(), f.detail());
        }
        List<DestinationEntry> destinations = new ArrayList<>();
        for (GenlMessage message : ((KernelReply.Value<List<GenlMessage>>) dump).value()) {
            switch (IpvsReplies.destination(message, service.key().family())) {
                case Decoded.Value<DestinationEntry> d -> destinations.add(d.value());
                case Decoded.Malformed<DestinationEntry> m -> {
                    return malformed("destination dump of " + service.key() + ": " + m.reason());
                }
            }
        }
        return new KernelReply.Value<>(Optional.of(new ServiceEntry(service.service(), service.stats(), destinations)));
    }

    private IpvsResult execute(IpvsCommand command, NetlinkMessageBuilder request, String subject) {
        return switch (query(command, request, subject)) {
            case KernelReply.Value<List<GenlMessage>> v -> IpvsResult.OK;
            case KernelReply.Failed<List<GenlMessage>> f -> IpvsResult.failed(f.error(), f.detail());
        };
    }

    private KernelReply<List<GenlMessage>> query(IpvsCommand command, NetlinkMessageBuilder request, String subject) {
        String operation = subject.isEmpty() ? command.label() : command.label() + " " + subject;
        try {
            return new KernelReply.Value<>(genl.request(request, family, operation, Capability.CAP_NET_ADMIN));
        } catch (NativeException e) {
            IpvsResult.Failed failed = KernelErrors.failure(command, e);
            return new KernelReply.Failed<>(failed.error(), failed.detail());
        }
    }

    private static <T> KernelReply<T> lift(Decoded<T> decoded) {
        return switch (decoded) {
            case Decoded.Value<T> v -> new KernelReply.Value<>(v.value());
            case Decoded.Malformed<T> m -> malformed(m.reason());
        };
    }

    private static <T> KernelReply<T> malformed(String reason) {
        return new KernelReply.Failed<>(IpvsError.UNAVAILABLE, "malformed IPVS reply: " + reason);
    }
}
