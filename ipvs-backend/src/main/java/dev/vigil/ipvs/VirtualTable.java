package dev.vigil.ipvs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An immutable snapshot of an IPVS table (one network namespace). Services are kept in
 * {@link ServiceKey#ORDER} — the kernel dumps them in hash-bucket order, which carries no
 * meaning, so a snapshot uses a stable numeric order instead; destinations keep the kernel's
 * list order (newest first), which schedulers depend on. ipvsadm re-sorts both for display
 * (see {@code dev.vigil.ipvs.listing}).
 */
public record VirtualTable(List<ServiceEntry> services) {

    public static final VirtualTable EMPTY = new VirtualTable(List.of());

    public VirtualTable {
        List<ServiceEntry> sorted = new ArrayList<>(services);
        sorted.sort((a, b) -> ServiceKey.ORDER.compare(a.key(), b.key()));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i - 1).key().equals(sorted.get(i).key())) {
                throw new IllegalArgumentException("duplicate service " + sorted.get(i).key());
            }
        }
        services = List.copyOf(sorted);
    }

    public static VirtualTable of(ServiceEntry... entries) {
        return new VirtualTable(List.of(entries));
    }

    public Optional<ServiceEntry> service(ServiceKey key) {
        return services.stream().filter(s -> s.key().equals(key)).findFirst();
    }
}
