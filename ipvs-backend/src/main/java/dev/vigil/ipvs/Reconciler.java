package dev.vigil.ipvs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns an actual table into a desired one with the fewest kernel commands, and applies them.
 *
 * <p>Plan order (keepalived's reload order: {@code clear_diff_services} before additions):
 * <ol>
 *   <li>delete destinations that left services which stay;</li>
 *   <li>delete services that left (their destinations go with them: one command);</li>
 *   <li>edit services whose settings changed (scheduler, flags, persistence);</li>
 *   <li>edit destinations whose forwarding, weight or thresholds changed — never
 *       delete + add, which would drop their connections' accounting;</li>
 *   <li>add new services, each followed by its destinations;</li>
 *   <li>add new destinations to services that stay.</li>
 * </ol>
 * Within a step, services follow {@link ServiceKey#ORDER} and destinations are listed in
 * the reverse of the desired list, because the kernel inserts each new destination at the
 * head: adding them tail-first reproduces the desired list order exactly.
 *
 * <p>Counters and connection counts are ignored: only settings are compared. Destinations
 * that stay keep their list position even when the desired list orders them differently:
 * moving one would take a delete and an add, dropping its connections' accounting.
 */
public final class Reconciler {

    private Reconciler() {
    }

    /** The operations that turn {@code actual} into {@code desired}; empty when they match. */
    public static List<IpvsOperation> plan(VirtualTable actual, VirtualTable desired) {
        Map<ServiceKey, ServiceEntry> have = byKey(actual.services(), ServiceEntry::key);
        Map<ServiceKey, ServiceEntry> want = byKey(desired.services(), ServiceEntry::key);
        List<IpvsOperation> deleteDests = new ArrayList<>();
        List<IpvsOperation> deleteServices = new ArrayList<>();
        List<IpvsOperation> editServices = new ArrayList<>();
        List<IpvsOperation> editDests = new ArrayList<>();
        List<IpvsOperation> addServices = new ArrayList<>();
        List<IpvsOperation> addDests = new ArrayList<>();
        for (ServiceEntry old : actual.services()) {
            ServiceEntry target = want.get(old.key());
            if (target == null) {
                deleteServices.add(new IpvsOperation.DeleteService(old.key()));
                continue;
            }
            if (!old.service().equals(target.service())) {
                editServices.add(new IpvsOperation.EditService(target.service()));
            }
            diffDestinations(old, target, deleteDests, editDests, addDests);
        }
        for (ServiceEntry target : desired.services()) {
            if (!have.containsKey(target.key())) {
                addServices.add(new IpvsOperation.AddService(target.service()));
                for (DestinationEntry d : target.destinations().reversed()) {
                    addServices.add(new IpvsOperation.AddDestination(target.key(), d.destination()));
                }
            }
        }
        List<IpvsOperation> plan = new ArrayList<>();
        plan.addAll(deleteDests);
        plan.addAll(deleteServices);
        plan.addAll(editServices);
        plan.addAll(editDests);
        plan.addAll(addServices);
        plan.addAll(addDests);
        return List.copyOf(plan);
    }

    private static void diffDestinations(ServiceEntry old, ServiceEntry target, List<IpvsOperation> deletes,
                                         List<IpvsOperation> edits, List<IpvsOperation> adds) {
        ServiceKey key = old.key();
        Map<DestinationKey, DestinationEntry> want = byKey(target.destinations(), DestinationEntry::key);
        Map<DestinationKey, DestinationEntry> have = byKey(old.destinations(), DestinationEntry::key);
        old.destinations().stream()
                .map(DestinationEntry::key)
                .filter(k -> !want.containsKey(k))
                .sorted(DestinationKey.ORDER)
                .forEach(k -> deletes.add(new IpvsOperation.DeleteDestination(key, k)));
        target.destinations().stream()
                .filter(d -> have.containsKey(d.key()))
                .filter(d -> !have.get(d.key()).destination().equals(d.destination()))
                .sorted(Comparator.comparing(DestinationEntry::key, DestinationKey.ORDER))
                .forEach(d -> edits.add(new IpvsOperation.EditDestination(key, d.destination())));
        for (DestinationEntry d : target.destinations().reversed()) {
            if (!have.containsKey(d.key())) {
                adds.add(new IpvsOperation.AddDestination(key, d.destination()));
            }
        }
    }

    /**
     * Runs {@code operations} in order. "Already exists" on add and "not found" on delete
     * count as success, and an edit of a vanished destination is retried as an add
     * (keepalived's {@code ipvs_talk()}), so a plan can be applied again after a partial
     * failure. A failure does not stop the run: later, independent operations still apply.
     */
    public static ApplyReport apply(IpvsBackend backend, List<IpvsOperation> operations) {
        List<ApplyReport.Failure> failures = new ArrayList<>();
        int applied = 0;
        for (IpvsOperation op : operations) {
            IpvsResult result = switch (op) {
                case IpvsOperation.EditDestination e -> backend.ensureDestination(e.service(), e.destination());
                default -> op.applyTo(backend);
            };
            if (result instanceof IpvsResult.Failed f && !f.error().isBenignFor(op)) {
                failures.add(new ApplyReport.Failure(op, f));
            } else {
                applied++;
            }
        }
        return new ApplyReport(applied, failures);
    }

    /** Snapshot, plan and apply in one go. */
    public static ApplyReport reconcile(IpvsBackend backend, VirtualTable desired) {
        return apply(backend, plan(backend.snapshot(), desired));
    }

    private static <K, V> Map<K, V> byKey(List<V> values, Function<V, K> key) {
        return values.stream().collect(Collectors.toMap(key, Function.identity()));
    }

    /**
     * What {@link #apply} did.
     *
     * @param applied  operations that took effect (or were already in effect)
     * @param failures operations refused, in plan order
     */
    public record ApplyReport(int applied, List<Failure> failures) {
        public ApplyReport {
            failures = List.copyOf(failures);
        }

        public boolean isComplete() {
            return failures.isEmpty();
        }

        /** The first refused operation, if any. */
        public Optional<Failure> firstFailure() {
            return failures.stream().findFirst();
        }

        /** One refused operation and the backend's answer. */
        public record Failure(IpvsOperation operation, IpvsResult.Failed result) {
        }
    }
}
