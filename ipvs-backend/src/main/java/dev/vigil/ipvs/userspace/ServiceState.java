package dev.vigil.ipvs.userspace;

import dev.vigil.ipvs.Destination;
import dev.vigil.ipvs.DestinationEntry;
import dev.vigil.ipvs.DestinationKey;
import dev.vigil.ipvs.IpvsError;
import dev.vigil.ipvs.IpvsResult;
import dev.vigil.ipvs.ServiceEntry;
import dev.vigil.ipvs.VirtualService;
import dev.vigil.ipvs.sched.DestinationChange;
import dev.vigil.ipvs.sched.IpvsScheduler;
import dev.vigil.ipvs.sched.RealServer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One virtual service of the forwarder: its settings, its destinations in kernel list order
 * (newest first) as live {@link RealServer}s, its scheduler and counters, and the listeners
 * that accept its traffic. Guarded by the {@link ForwarderState} monitor, except the
 * listeners, which only the configuration thread sets.
 */
final class ServiceState {

    private VirtualService service;
    private IpvsScheduler scheduler;
    private final List<RealServer> destinations = new ArrayList<>();
    private final Map<RealServer, Counters> destinationCounters = new IdentityHashMap<>();
    private final Counters counters = new Counters();
    private volatile Listeners listeners = new Listeners();
    private boolean open = true;

    ServiceState(VirtualService service, IpvsScheduler scheduler) {
        this.service = service;
        this.scheduler = scheduler;
        scheduler.destinationsChanged(destinations, DestinationChange.INITIAL);
    }

    VirtualService service() {
        return service;
    }

    IpvsScheduler scheduler() {
        return scheduler;
    }

    List<RealServer> destinations() {
        return destinations;
    }

    Counters counters() {
        return counters;
    }

    Counters countersOf(RealServer server) {
        return destinationCounters.get(server);
    }

    Listeners listeners() {
        return listeners;
    }

    /** Set once by the configuration thread after binding, before the service is published. */
    void listeners(Listeners bound) {
        this.listeners = bound;
    }

    /** False once the service was deleted: listeners still closing must not open sessions. */
    boolean isOpen() {
        return open;
    }

    void close() {
        open = false;
    }

    /** SET_SERVICE: a new scheduler (bound afresh) only when name or flags changed. */
    void edit(VirtualService edited, IpvsScheduler freshScheduler) {
        if (!edited.scheduler().equals(service.scheduler()) || !edited.schedulerFlags().equals(service.schedulerFlags())) {
            scheduler = freshScheduler;
            scheduler.destinationsChanged(destinations, DestinationChange.INITIAL);
        }
        service = edited;
    }

    IpvsResult addDestination(Destination d) {
        if (indexOf(d.key()) >= 0) {
            return IpvsResult.failed(IpvsError.DESTINATION_EXISTS, "destination " + d.key() + " exists");
        }
        if ("mh".equals(service.scheduler()) && destinations.size() >= TableRules.MH_TABLE_SIZE) {
            return IpvsResult.failed(IpvsError.INVALID_ARGUMENT,
                    "mh holds at most " + TableRules.MH_TABLE_SIZE + " destinations");
        }
        RealServer server = new RealServer(d);
        destinations.addFirst(server);
        destinationCounters.put(server, new Counters());
        scheduler.destinationsChanged(destinations, new DestinationChange.Added(server));
        return IpvsResult.OK;
    }

    IpvsResult editDestination(Destination d) {
        int index = indexOf(d.key());
        if (index < 0) {
            return missingDestination(d.key());
        }
        RealServer server = destinations.get(index);
        server.update(d);
        scheduler.destinationsChanged(destinations, new DestinationChange.Updated(server));
        return IpvsResult.OK;
    }

    /**
     * DEL_DEST: the server leaves the list and becomes unavailable to schedulers and
     * persistence templates; its open sessions keep their own channels and keep flowing.
     */
    IpvsResult deleteDestination(DestinationKey key) {
        int index = indexOf(key);
        if (index < 0) {
            return missingDestination(key);
        }
        RealServer server = destinations.remove(index);
        server.markUnavailable();
        destinationCounters.remove(server);
        scheduler.destinationsChanged(destinations, new DestinationChange.Removed(server, index));
        return IpvsResult.OK;
    }

    ServiceEntry entry() {
        List<DestinationEntry> entries = new ArrayList<>(destinations.size());
        for (RealServer s : destinations) {
            entries.add(new DestinationEntry(s.settings(), s.activeConnections(), s.inactiveConnections(),
                    s.persistentConnections(), destinationCounters.get(s).stats()));
        }
        return new ServiceEntry(service, counters.stats(), entries);
    }

    void estimate() {
        counters.estimate();
        destinationCounters.values().forEach(Counters::estimate);
    }

    Optional<RealServer> destination(DestinationKey key) {
        int index = indexOf(key);
        return index < 0 ? Optional.empty() : Optional.of(destinations.get(index));
    }

    private int indexOf(DestinationKey key) {
        for (int i = 0; i < destinations.size(); i++) {
            if (destinations.get(i).settings().key().equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private static IpvsResult missingDestination(DestinationKey key) {
        return IpvsResult.failed(IpvsError.DESTINATION_NOT_FOUND, "no destination " + key);
    }
}
