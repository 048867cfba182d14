package dev.vigil.vrrp.runtime;

import dev.vigil.linux.Errno;
import dev.vigil.linux.NativeException;
import dev.vigil.linux.rtnetlink.DeletedRoute;
import dev.vigil.linux.rtnetlink.DeletedRule;
import dev.vigil.linux.rtnetlink.InterfaceAddress;
import dev.vigil.linux.rtnetlink.Link;
import dev.vigil.linux.rtnetlink.Route;
import dev.vigil.linux.rtnetlink.RoutingHints;
import dev.vigil.linux.rtnetlink.RoutingRule;
import dev.vigil.linux.rtnetlink.RtNetlink;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Adds and removes one instance's addresses, virtual routes and virtual rules with rtnetlink.
 * An entry the kernel already has (EEXIST) is left alone and not remembered, so a removal never
 * deletes something someone else configured; one already gone (EADDRNOTAVAIL, ESRCH, ENOENT,
 * ENODEV) counts as removed. A deleted route or rule the kernel reports is matched with the ones
 * this applier added, unless its own socket deleted it. IPv6 VIPs are added with {@code IFA_F_NODAD} as keepalived does,
 * so they are usable at once. A route's {@code dev} is looked up when the route is added (the
 * interface may appear after start). Every entry is tried; the first failure is thrown after
 * the others were attempted, with what to check ({@link RoutingHints}). Confined to the event
 * loop.
 */
final class RtNetlinkVipApplier implements VipApplier {

    private final RtNetlink rtnetlink;
    private final String instanceInterface;
    private final Map<String, Integer> interfaceIndexes;
    /** The addresses this applier added and has not removed. */
    private final Set<VirtualAddress> added = new LinkedHashSet<>();
    /** The routes (as sent, interface resolved) this applier added and has not removed. */
    private final Set<Route> routesAdded = new LinkedHashSet<>();
    /** The rules this applier added and has not removed. */
    private final Set<RoutingRule> rulesAdded = new LinkedHashSet<>();

    /**
     * @param interfaceIndexes index of the instance's interface and of every VIP {@code dev},
     *                         resolved in the runtime's namespace at start
     */
    RtNetlinkVipApplier(RtNetlink rtnetlink, String instanceInterface, Map<String, Integer> interfaceIndexes) {
        this.rtnetlink = Objects.requireNonNull(rtnetlink, "rtnetlink");
        this.instanceInterface = Objects.requireNonNull(instanceInterface, "instanceInterface");
        this.interfaceIndexes = Map.copyOf(interfaceIndexes);
    }

    @Override
    public void add(List<VirtualAddress> vips) throws NativeException {
        Failures failures = new Failures();
        for (VirtualAddress vip : vips) {
            if (!added.contains(vip)) {
                failures.run(() -> rtnetlink.addAddress(kernelAddress(vip)), () -> added.add(vip), Errno.EEXIST);
            }
        }
        failures.rethrow();
    }

    @Override
    public void remove(List<VirtualAddress> vips) throws NativeException {
        Failures failures = new Failures();
        for (VirtualAddress vip : vips) {
            if (added.contains(vip)) {
                failures.runGone(() -> rtnetlink.deleteAddress(kernelAddress(vip)), () -> added.remove(vip),
                        Errno.EADDRNOTAVAIL, Errno.ENODEV);
            }
        }
        failures.rethrow();
    }

    @Override
    public void addRouting(List<VirtualRoute> routes, List<RoutingRule> rules) throws NativeException {
        Failures failures = new Failures();
        for (VirtualRoute virtual : routes) {
            failures.run(() -> {
                Route route = kernelRoute(virtual);
                if (!routesAdded.contains(route)) {
                    rtnetlink.addRoute(route);
                    routesAdded.add(route);
                }
            }, () -> { }, Errno.EEXIST);
        }
        for (RoutingRule rule : rules) {
            if (!rulesAdded.contains(rule)) {
                failures.run(() -> rtnetlink.addRule(rule), () -> rulesAdded.add(rule), Errno.EEXIST);
            }
        }
        failures.rethrow();
    }

    @Override
    public void removeRouting(List<VirtualRoute> routes, List<RoutingRule> rules) throws NativeException {
        Failures failures = new Failures();
        for (RoutingRule rule : rules) {
            if (rulesAdded.contains(rule)) {
                failures.runGone(() -> rtnetlink.deleteRule(rule), () -> rulesAdded.remove(rule), Errno.ENOENT);
            }
        }
        for (VirtualRoute virtual : routes) {
            for (Route route : List.copyOf(routesAdded)) {
                if (sameEntry(route, virtual)) {
                    // ESRCH: gone; ENODEV: its interface was deleted, and the route with it.
                    failures.runGone(() -> rtnetlink.deleteRoute(route), () -> routesAdded.remove(route),
                            Errno.ESRCH, Errno.ENODEV);
                }
            }
        }
        failures.rethrow();
    }

    @Override
    public boolean holds(VirtualAddress vip) throws NativeException {
        InterfaceAddress wanted = kernelAddress(vip);
        return rtnetlink.addresses(wanted.interfaceIndex()).stream()
                .anyMatch(a -> a.address().equals(wanted.address()));
    }

    @Override
    public Optional<VirtualRoute> deletedRoute(DeletedRoute deleted, List<VirtualRoute> tracked) {
        if (deleted.senderPort() == rtnetlink.portId()) {
            return Optional.empty();
        }
        return tracked.stream()
                .filter(v -> routesAdded.stream().anyMatch(sent -> sameEntry(sent, v) && deleted.matches(sent)))
                .findFirst();
    }

    @Override
    public Optional<RoutingRule> deletedRule(DeletedRule deleted, List<RoutingRule> tracked) {
        if (deleted.senderPort() == rtnetlink.portId()) {
            return Optional.empty();
        }
        return tracked.stream().filter(r -> rulesAdded.contains(r) && deleted.matches(r)).findFirst();
    }

    @Override
    public void takeOver(VipApplier previous) {
        if (previous instanceof RtNetlinkVipApplier old && old != this) {
            added.addAll(old.added);
            routesAdded.addAll(old.routesAdded);
            rulesAdded.addAll(old.rulesAdded);
            old.added.clear();
            old.routesAdded.clear();
            old.rulesAdded.clear();
        }
    }

    /** Whether {@code sent} is {@code virtual} with its interface resolved (to whatever index it had). */
    private static boolean sameEntry(Route sent, VirtualRoute virtual) {
        return sent.dev(0).equals(virtual.route());
    }

    private Route kernelRoute(VirtualRoute virtual) throws NativeException {
        if (virtual.device().isEmpty()) {
            return virtual.route();
        }
        String name = virtual.device().get();
        Link link = rtnetlink.link(name).orElseThrow(() -> new NativeException("RTM_NEWROUTE " + virtual,
                Errno.ENODEV.code(), null, "interface " + name + " does not exist; check the route's dev"));
        return virtual.toKernel(link.index());
    }

    private InterfaceAddress kernelAddress(VirtualAddress vip) {
        Integer index = interfaceIndexes.get(vip.deviceOr(instanceInterface));
        if (index == null) {
            throw new IllegalStateException("no index resolved for " + vip.deviceOr(instanceInterface));
        }
        return vip.toKernel(index);
    }

    /** Collects the first failure of a batch while the rest of the batch still runs. */
    private static final class Failures {
        private NativeException first;

        /** Runs {@code action}; on success runs {@code done}; an {@code ignored} errno counts as neither. */
        void run(Action action, Runnable done, Errno ignored) {
            try {
                action.run();
                done.run();
            } catch (NativeException e) {
                if (!e.is(ignored)) {
                    first = first == null ? RoutingHints.withHint(e) : first;
                }
            }
        }

        /** Runs a deletion; success or one of {@code gone} runs {@code done}. */
        void runGone(Action action, Runnable done, Errno... gone) {
            try {
                action.run();
                done.run();
            } catch (NativeException e) {
                for (Errno errno : gone) {
                    if (e.is(errno)) {
                        done.run();
                        return;
                    }
                }
                first = first == null ? RoutingHints.withHint(e) : first;
            }
        }

        void rethrow() throws NativeException {
            if (first != null) {
                throw first;
            }
        }
    }

    @FunctionalInterface
    private interface Action {
        void run() throws NativeException;
    }
}
