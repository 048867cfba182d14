package dev.vigil.vrrp.runtime;

import dev.vigil.linux.NativeException;
import dev.vigil.linux.rtnetlink.DeletedRoute;
import dev.vigil.linux.rtnetlink.DeletedRule;
import dev.vigil.linux.rtnetlink.RoutingRule;
import java.util.List;
import java.util.Optional;

/**
 * Puts one instance's addresses (VIPs and excluded VIPs), virtual routes and virtual rules in
 * the kernel and takes them out again. Adding an entry that is already present is not an
 * error, and such an entry is not ours to remove: the removals delete only what the additions
 * added. Called on the event-loop thread only.
 */
public interface VipApplier {

    /** Adds every address that is missing; remembers which ones it added. */
    void add(List<VirtualAddress> vips) throws NativeException;

    /** Removes the addresses {@link #add} added (an address already gone is fine). */
    void remove(List<VirtualAddress> vips) throws NativeException;

    /** Adds the routes, then the rules, that are missing; remembers which ones it added. */
    void addRouting(List<VirtualRoute> routes, List<RoutingRule> rules) throws NativeException;

    /** Removes the rules, then the routes, that {@link #addRouting} added (already gone is fine). */
    void removeRouting(List<VirtualRoute> routes, List<RoutingRule> rules) throws NativeException;

    /**
     * Whether {@code vip} is on its interface now (asked of the kernel). The default, for
     * appliers that keep nothing in a kernel, says it is not.
     */
    default boolean holds(VirtualAddress vip) throws NativeException {
        return false;
    }

    /**
     * Which of {@code tracked} the kernel's report of a deleted route is, if it is one this
     * applier added and the deletion was someone else's (its own come back from the kernel too).
     * The default, for appliers that keep nothing in a kernel, finds none.
     */
    default Optional<VirtualRoute> deletedRoute(DeletedRoute deleted, List<VirtualRoute> tracked) {
        return Optional.empty();
    }

    /** As {@link #deletedRoute}, for a deleted rule. */
    default Optional<RoutingRule> deletedRule(DeletedRule deleted, List<RoutingRule> tracked) {
        return Optional.empty();
    }

    /**
     * A reload replaced {@code previous} with this applier for the same instance: from now on
     * this one owns what {@code previous} added, so a later release removes it.
     */
    void takeOver(VipApplier previous);
}
