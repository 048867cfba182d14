package dev.vigil.ipvs.fake;

import dev.vigil.ipvs.AddressFamily;
import dev.vigil.ipvs.Destination;
import dev.vigil.ipvs.DestinationEntry;
import dev.vigil.ipvs.DestinationKey;
import dev.vigil.ipvs.ForwardMethod;
import dev.vigil.ipvs.IpvsBackend;
import dev.vigil.ipvs.IpvsError;
import dev.vigil.ipvs.IpvsResult;
import dev.vigil.ipvs.ServiceEntry;
import dev.vigil.ipvs.ServiceKey;
import dev.vigil.ipvs.Stats;
import dev.vigil.ipvs.VirtualService;
import dev.vigil.ipvs.VirtualTable;
import dev.vigil.ipvs.sched.Schedulers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An in-memory IPVS table that answers like the kernel's ip_vs_ctl.c: the same checks in
 * the same order, the same errors, head insertion of new destinations, and no change on
 * failure. Counters stay zero unless a test sets them with {@link #setCounters}.
 *
 * <p>Thread-safe (every method is synchronized); meant for tests and demos.
 */
public final class FakeIpvsBackend implements IpvsBackend {

    /** Persistence engines the kernel ships (ip_vs_pe_sip.c). */
    private static final Set<String> ENGINES = Set.of("sip");
    /** ip_vs_mh_reassign refuses more destinations than lookup slots (4093 by default): EINVAL. */
    private static final int MH_TABLE_SIZE = 4093;

    private final Map<ServiceKey, ServiceState> services = new LinkedHashMap<>();
    private final List<String> commands = new ArrayList<>();

    private static final class ServiceState {
        VirtualService service;
        Stats stats = Stats.ZERO;
        final List<DestinationEntry> destinations = new ArrayList<>();

        ServiceState(VirtualService service) {
            this.service = service;
        }

        int indexOf(DestinationKey key) {
            for (int i = 0; i < destinations.size(); i++) {
                if (destinations.get(i).key().equals(key)) {
                    return i;
                }
            }
            return -1;
        }
    }

    @Override
    public synchronized IpvsResult addService(VirtualService service) {
        IpvsResult invalid = checkService(service);
        if (invalid != null) {
            return invalid;
        }
        if (services.containsKey(service.key())) {
            return IpvsResult.failed(IpvsError.SERVICE_EXISTS, "service " + service.key() + " exists");
        }
        services.put(service.key(), new ServiceState(service));
        commands.add("NEW_SERVICE " + service.key());
        return IpvsResult.OK;
    }

    @Override
    public synchronized IpvsResult editService(VirtualService service) {
        IpvsResult invalid = checkService(service);
        if (invalid != null) {
            return invalid;
        }
        ServiceState state = services.get(service.key());
        if (state == null) {
            return missingService(service.key());
        }
        state.service = service;
        commands.add("SET_SERVICE " + service.key());
        return IpvsResult.OK;
    }

    @Override
    public synchronized IpvsResult deleteService(ServiceKey key) {
        if (services.remove(key) == null) {
            return missingService(key);
        }
        commands.add("DEL_SERVICE " + key);
        return IpvsResult.OK;
    }

    @Override
    public synchronized IpvsResult addDestination(ServiceKey service, Destination destination) {
        ServiceState state = services.get(service);
        if (state == null) {
            return missingService(service);
        }
        IpvsResult invalid = checkDestination(service, destination);
        if (invalid != null) {
            return invalid;
        }
        if (state.indexOf(destination.key()) >= 0) {
            return IpvsResult.failed(IpvsError.DESTINATION_EXISTS, "destination " + destination.key() + " exists");
        }
        if ("mh".equals(state.service.scheduler()) && state.destinations.size() >= MH_TABLE_SIZE) {
            return IpvsResult.failed(IpvsError.INVALID_ARGUMENT, "mh holds at most " + MH_TABLE_SIZE + " destinations");
        }
        state.destinations.addFirst(DestinationEntry.of(destination));
        commands.add("NEW_DEST " + service + " " + destination.key());
        return IpvsResult.OK;
    }

    @Override
    public synchronized IpvsResult editDestination(ServiceKey service, Destination destination) {
        ServiceState state = services.get(service);
        if (state == null) {
            return missingService(service);
        }
        IpvsResult invalid = checkDestination(service, destination);
        if (invalid != null) {
            return invalid;
        }
        int index = state.indexOf(destination.key());
        if (index < 0) {
            return missingDestination(destination.key());
        }
        DestinationEntry old = state.destinations.get(index);
        state.destinations.set(index, new DestinationEntry(destination, old.activeConnections(),
                old.inactiveConnections(), old.persistentConnections(), old.stats()));
        commands.add("SET_DEST " + service + " " + destination.key());
        return IpvsResult.OK;
    }

    @Override
    public synchronized IpvsResult deleteDestination(ServiceKey service, DestinationKey destination) {
        ServiceState state = services.get(service);
        if (state == null) {
            return missingService(service);
        }
        int index = state.indexOf(destination);
        if (index < 0) {
            return missingDestination(destination);
        }
        state.destinations.remove(index);
        commands.add("DEL_DEST " + service + " " + destination);
        return IpvsResult.OK;
    }

    @Override
    public synchronized IpvsResult flush() {
        services.clear();
        commands.add("FLUSH");
        return IpvsResult.OK;
    }

    @Override
    public synchronized VirtualTable snapshot() {
        List<ServiceEntry> entries = new ArrayList<>();
        for (ServiceState s : services.values()) {
            entries.add(new ServiceEntry(s.service, s.stats, s.destinations));
        }
        return new VirtualTable(entries);
    }

    /** Sets the connection counts and counters a snapshot reports for one destination. */
    public synchronized boolean setCounters(ServiceKey service, DestinationKey destination, int active,
                                            int inactive, int persistent, Stats stats) {
        ServiceState state = services.get(service);
        int index = state == null ? -1 : state.indexOf(destination);
        if (index < 0) {
            return false;
        }
        Destination d = state.destinations.get(index).destination();
        state.destinations.set(index, new DestinationEntry(d, active, inactive, persistent, stats));
        return true;
    }

    /** Sets the counters a snapshot reports for one service. */
    public synchronized boolean setServiceStats(ServiceKey service, Stats stats) {
        ServiceState state = services.get(service);
        if (state == null) {
            return false;
        }
        state.stats = stats;
        return true;
    }

    /** Every command that changed the table, in order ("NEW_SERVICE …", "SET_DEST …"). */
    public synchronized List<String> commands() {
        return List.copyOf(commands);
    }

    private static IpvsResult checkService(VirtualService service) {
        String name = service.scheduler();
        if (name.isEmpty() || name.length() > VirtualService.MAX_NAME_LENGTH) {
            return IpvsResult.failed(IpvsError.INVALID_ARGUMENT, "bad scheduler name '" + name + "'");
        }
        if (!Schedulers.NAMES.contains(name)) {
            return IpvsResult.failed(IpvsError.UNKNOWN_SCHEDULER, "scheduler " + name + " not found");
        }
        if (service.persistenceEngine().isPresent() && !ENGINES.contains(service.persistenceEngine().get())) {
            return IpvsResult.failed(IpvsError.UNKNOWN_SCHEDULER,
                    "persistence engine " + service.persistenceEngine().get() + " not found");
        }
        boolean v6 = service.key().family() == AddressFamily.INET6;
        int prefix = service.persistence().map(p -> p.prefixLength()).orElse(v6 ? 128 : 32);
        if (v6 ? prefix < 1 || prefix > 128 : prefix > 32) {
            return IpvsResult.failed(IpvsError.INVALID_ARGUMENT, "bad persistence netmask /" + prefix);
        }
        return null;
    }

    private static IpvsResult checkDestination(ServiceKey service, Destination d) {
        if (d.address().family() != service.family() && d.forward() != ForwardMethod.TUNNEL) {
            return IpvsResult.failed(IpvsError.INVALID_ARGUMENT, "destination family differs from service");
        }
        if (d.weight() < 0) {
            return IpvsResult.failed(IpvsError.OUT_OF_RANGE, "weight " + d.weight() + " below 0");
        }
        if (Integer.compareUnsigned(d.lowerThreshold(), d.upperThreshold()) > 0) {
            return IpvsResult.failed(IpvsError.OUT_OF_RANGE, "lower threshold above upper threshold");
        }
        return null;
    }

    private static IpvsResult missingService(ServiceKey key) {
        return IpvsResult.failed(IpvsError.SERVICE_NOT_FOUND, "no service " + key);
    }

    private static IpvsResult missingDestination(DestinationKey key) {
        return IpvsResult.failed(IpvsError.DESTINATION_NOT_FOUND, "no destination " + key);
    }
}
