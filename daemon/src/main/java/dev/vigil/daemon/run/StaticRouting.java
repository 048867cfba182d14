package dev.vigil.daemon.run;

import dev.vigil.daemon.adapt.StaticEntries;
import dev.vigil.linux.Errno;
import dev.vigil.linux.NativeException;
import dev.vigil.linux.rtnetlink.DeletedRoute;
import dev.vigil.linux.rtnetlink.Link;
import dev.vigil.linux.rtnetlink.Route;
import dev.vigil.linux.rtnetlink.RoutingHints;
import dev.vigil.linux.rtnetlink.RoutingRule;
import dev.vigil.linux.rtnetlink.RtEvent;
import dev.vigil.linux.rtnetlink.RtEventListener;
import dev.vigil.linux.rtnetlink.RtEventSubscription;
import dev.vigil.linux.rtnetlink.RtGroup;
import dev.vigil.linux.rtnetlink.RtNetlink;
import dev.vigil.vrrp.runtime.VirtualAddress;
import dev.vigil.vrrp.runtime.VirtualRoute;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code static_ipaddress}, {@code static_routes} and {@code static_rules} as keepalived's
 * VRRP process does ({@code vrrp_daemon.c}): at start it deletes any left over from an earlier
 * run, then adds them all (addresses, routes, rules); a reload deletes the ones the new
 * configuration drops and adds the new set (an entry already there is left alone); at stop it
 * deletes them all, rules first, even with {@code --dont-release-vrrp} (which keeps only the VIPs).
 * Static entries are this daemon's: it deletes them at stop whether or not it added them.
 * A static address deleted by someone else is put back at once, unless it has {@code no_track}
 * (keepalived_netlink.c {@code reinstate_static_address}): the daemon watches RTM_DELADDR while
 * it holds static addresses; after a notification overflow it adds every one again (present ones
 * are left alone). A static route with a {@code dev}, or a static rule, deleted by someone else is
 * put back the same way unless it has {@code no_track} (keepalived's {@code reinstate_static_route}
 * and {@code reinstate_static_rule}): the daemon watches RTM_DELROUTE/RTM_DELRULE while it holds
 * such entries, and its own deletions, which carry its socket's port, are not acted on. After an
 * overflow of either watch, every tracked entry is added again.
 * Failures are logged with the operation, the errno and what to check, and never stop the daemon.
 *
 * <p>Used from the daemon's thread at start and stop and from the reload thread; methods are
 * synchronized.
 */
final class StaticRouting implements AutoCloseable, RtEventListener {

    private static final Logger LOG = LoggerFactory.getLogger(StaticRouting.class);

    private final RtNetlink rtnetlink;
    /** Guarded by this. */
    private StaticEntries current = StaticEntries.NONE;
    /** Address deletions, watched from the start on; null when the subscription could not open. */
    private RtEventSubscription deletions;
    /** Route and rule deletions, watched while there are tracked static routes or rules; else null. */
    private RtEventSubscription routingDeletions;

    private StaticRouting(RtNetlink rtnetlink) {
        this.rtnetlink = Objects.requireNonNull(rtnetlink, "rtnetlink");
    }

    /** Opens rtnetlink and applies {@code entries}; logs and returns empty-handed when rtnetlink cannot open. */
    static Optional<StaticRouting> start(StaticEntries entries) {
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        try {
            StaticRouting routing = new StaticRouting(RtNetlink.open());
            routing.apply(entries);
            routing.watchDeletions();
            routing.watchRouting();
            return Optional.of(routing);
        } catch (NativeException e) {
            LOG.warn("static addresses/routes/rules not applied: {}", e.getMessage());
            return Optional.empty();
        }
    }

    private synchronized void apply(StaticEntries entries) {
        // keepalived: "Clear leftover static entries", then set them.
        delete(entries, true);
        add(entries);
        current = entries;
    }

    /** A reload: entries gone from the new configuration are deleted, the new set is added. */
    void reload(StaticEntries next) {
        synchronized (this) {
            StaticEntries dropped = new StaticEntries(minus(current.addresses(), next.addresses()),
                    minus(current.routes(), next.routes()), minus(current.rules(), next.rules()), List.of());
            delete(dropped, false);
            add(next);
            current = next;
        }
        watchRouting();
    }

    /** Stops watching, deletes every static entry (rules, routes, addresses) and closes rtnetlink. */
    @Override
    public void close() {
        RtEventSubscription watch;
        RtEventSubscription routingWatch;
        synchronized (this) {
            watch = deletions;
            deletions = null;
            routingWatch = routingDeletions;
            routingDeletions = null;
        }
        for (RtEventSubscription subscription : new RtEventSubscription[] {watch, routingWatch}) {
            if (subscription != null) {
                subscription.close();
            }
        }
        synchronized (this) {
            delete(current, false);
            current = StaticEntries.NONE;
            rtnetlink.close();
        }
    }

    private void watchDeletions() {
        try {
            RtEventSubscription watch = RtEventSubscription.start(Set.of(RtGroup.IPV4_IFADDR, RtGroup.IPV6_IFADDR),
                    this, "vigil-static");
            synchronized (this) {
                deletions = watch;
            }
        } catch (NativeException e) {
            LOG.warn("static addresses deleted by others will not be put back: {}", e.getMessage());
        }
    }

    /**
     * Opens the route and rule watch when there are tracked static routes or rules and it is not
     * open, closes it when there are none; a subscription that cannot open is logged.
     */
    private void watchRouting() {
        RtEventSubscription stopped = null;
        synchronized (this) {
            boolean wanted = deletions != null
                    && (!current.trackedRoutes().isEmpty() || !current.trackedRules().isEmpty());
            if (wanted && routingDeletions == null) {
                try {
                    routingDeletions = RtEventSubscription.start(Set.of(RtGroup.IPV4_ROUTE, RtGroup.IPV6_ROUTE,
                            RtGroup.IPV4_RULE, RtGroup.IPV6_RULE), this, "vigil-static-routing");
                } catch (NativeException e) {
                    LOG.warn("static routes and rules deleted by others will not be put back: {}", e.getMessage());
                }
            } else if (!wanted && routingDeletions != null) {
                stopped = routingDeletions;
                routingDeletions = null;
            }
        }
        if (stopped != null) {
            stopped.close();
        }
    }

    /**
     * On a subscription's thread: a deleted static address, route or rule that is tracked is
     * added again, unless this daemon's own socket deleted it.
     */
    @Override
    public synchronized void onEvent(RtEvent event) {
        if (deletions == null) {
            return;
        }
        switch (event) {
            case RtEvent.AddressRemoved removed -> {
                for (VirtualAddress address : current.addresses()) {
                    if (address.address().equals(removed.address().address()) && !address.options().noTrack()) {
                        LOG.info("static address {} was deleted; putting it back", address);
                        add(new StaticEntries(List.of(address), List.of(), List.of(), List.of()));
                    }
                }
            }
            case RtEvent.RouteRemoved removed when removed.route().senderPort() != rtnetlink.portId() -> {
                for (VirtualRoute route : current.trackedRoutes()) {
                    if (isDeleted(route, removed.route())) {
                        LOG.info("static route {} was deleted; putting it back", route);
                        add(new StaticEntries(List.of(), List.of(route), List.of(), List.of()));
                    }
                }
            }
            case RtEvent.RuleRemoved removed when removed.rule().senderPort() != rtnetlink.portId() -> {
                for (RoutingRule rule : current.trackedRules()) {
                    if (removed.rule().matches(rule)) {
                        LOG.info("static rule {} was deleted; putting it back", rule);
                        add(new StaticEntries(List.of(), List.of(), List.of(rule), List.of()));
                    }
                }
            }
            default -> { }
        }
    }

    /**
     * Whether {@code deleted} is {@code route}: first without its interface, so that only a
     * likely match costs the lookup of the interface's index.
     */
    private boolean isDeleted(VirtualRoute route, DeletedRoute deleted) {
        if (!deleted.matches(route.route())) {
            return false;
        }
        try {
            return deleted.matches(kernel(route));
        } catch (NativeException e) {
            return false;
        }
    }

    /**
     * Notifications were lost: add every tracked static address, route and rule again (present
     * ones stay as they are).
     */
    @Override
    public synchronized void onOverflow() {
        if (deletions != null) {
            add(new StaticEntries(current.addresses().stream().filter(a -> !a.options().noTrack()).toList(),
                    current.trackedRoutes(), current.trackedRules(), List.of()));
        }
    }

    @Override
    public void onFailure(NativeException failure) {
        LOG.warn("watching for deleted static entries stopped: {}", failure.getMessage());
    }

    private void add(StaticEntries entries) {
        for (VirtualAddress address : entries.addresses()) {
            attempt("add static address " + address, () -> rtnetlink.addAddress(address.toKernel(index(address))),
                    Errno.EEXIST);
        }
        for (VirtualRoute route : entries.routes()) {
            attempt("add static route " + route, () -> rtnetlink.addRoute(kernel(route)), Errno.EEXIST);
        }
        for (RoutingRule rule : entries.rules()) {
            attempt("add static rule " + rule, () -> rtnetlink.addRule(rule), Errno.EEXIST);
        }
    }

    /** Rules, then routes, then addresses; {@code quiet}: a leftover sweep, where missing is the normal case. */
    private void delete(StaticEntries entries, boolean quiet) {
        for (RoutingRule rule : entries.rules()) {
            attempt(quiet, "delete static rule " + rule, () -> rtnetlink.deleteRule(rule), Errno.ENOENT);
        }
        for (VirtualRoute route : entries.routes()) {
            attempt(quiet, "delete static route " + route, () -> rtnetlink.deleteRoute(kernel(route)), Errno.ESRCH);
        }
        for (VirtualAddress address : entries.addresses()) {
            attempt(quiet, "delete static address " + address,
                    () -> rtnetlink.deleteAddress(address.toKernel(index(address))), Errno.EADDRNOTAVAIL);
        }
    }

    private void attempt(String what, Action action, Errno harmless) {
        attempt(false, what, action, harmless);
    }

    private void attempt(boolean quiet, String what, Action action, Errno harmless) {
        try {
            action.run();
        } catch (NativeException e) {
            if (e.is(harmless) || quiet) {
                LOG.debug("{}: {}", what, e.getMessage());
            } else {
                LOG.warn("{} failed: {}", what, RoutingHints.withHint(e).getMessage());
            }
        }
    }

    private int index(VirtualAddress address) throws NativeException {
        String name = address.device().orElseThrow();
        return link(name, "RTM_NEWADDR " + address).index();
    }

    private Route kernel(VirtualRoute route) throws NativeException {
        if (route.device().isEmpty()) {
            return route.toKernel(0);
        }
        return route.toKernel(link(route.device().get(), "RTM_NEWROUTE " + route).index());
    }

    private Link link(String name, String operation) throws NativeException {
        return rtnetlink.link(name).orElseThrow(() -> new NativeException(operation, Errno.ENODEV.code(), null,
                "interface " + name + " does not exist"));
    }

    private static <T> List<T> minus(List<T> from, List<T> taken) {
        return from.stream().filter(e -> !taken.contains(e)).toList();
    }

    @FunctionalInterface
    private interface Action {
        void run() throws NativeException;
    }
}
