package dev.vigil.daemon.controller;

import dev.vigil.ipvs.ServiceEntry;
import dev.vigil.ipvs.ServiceKey;
import dev.vigil.ipvs.VirtualTable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Computes the IPVS table the controller wants from every virtual server's current health:
 * each service of each virtual server with the destinations {@link VirtualServerState}
 * chooses. Pure.
 *
 * <p>Two virtual servers may not share a service (the configuration adapter refuses the
 * second); if they do anyway, the first one in the list keeps it.
 */
public final class DesiredTableBuilder {

    private DesiredTableBuilder() {
    }

    public static VirtualTable build(List<VirtualServerState> virtualServers) {
        List<ServiceEntry> entries = new ArrayList<>();
        Set<ServiceKey> seen = new HashSet<>();
        for (VirtualServerState vs : virtualServers) {
            for (ServiceEntry entry : vs.entries()) {
                if (seen.add(entry.key())) {
                    entries.add(entry);
                }
            }
        }
        return new VirtualTable(entries);
    }

    /** The service keys the virtual servers own, whatever their health. */
    public static Set<ServiceKey> ownedKeys(List<VirtualServerState> virtualServers) {
        Set<ServiceKey> keys = new HashSet<>();
        for (VirtualServerState vs : virtualServers) {
            vs.plan().services().forEach(s -> keys.add(s.key()));
        }
        return keys;
    }

    /**
     * The part of {@code actual} the controller manages: the services it owns. Services other
     * programs (or an operator) added stay untouched, as keepalived leaves them.
     */
    public static VirtualTable owned(VirtualTable actual, Set<ServiceKey> keys) {
        return new VirtualTable(actual.services().stream().filter(s -> keys.contains(s.key())).toList());
    }
}
