package dev.vigil.daemon.run;

import dev.vigil.daemon.adapt.StaticEntries;
import dev.vigil.linux.Errno;
import dev.vigil.linux.NativeException;
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
 * are left alone). Static routes and rules deleted by someone else are not noticed.
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
    synchronized void reload(StaticEntries next) {
        StaticEntries dropped = new StaticEntries(minus(current.addresses(), next.addresses()),
                minus(current.routes(), next.routes()), minus(current.rules(), next.rules()), List.of());
        delete(dropped, false);
        add(next);
        current = next;
    }

    /** Stops watching, deletes every static entry (rules, routes, addresses) and closes rtnetlink. */
    @Override
    public void close() {
        RtEventSubscription watch;
        synchronized (this) {
            watch = deletions;
            deletions = null;
        }
        if (watch != null) {
            watch.close();
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

    /** On the subscription's thread: a deleted static address (without no_track) is added again. */
    @Override
    public synchronized void onEvent(RtEvent event) {
        if (!(event instanceof RtEvent.AddressRemoved removed) || deletions == null) {
            return;
        }
        for (VirtualAddress address : current.addresses()) {
            if (address.address().equals(removed.address().address()) && !address.options().noTrack()) {
                LOG.info("static address {} was deleted; putting it back", address);
                add(new StaticEntries(List.of(address), List.of(), List.of(), List.of()));
            }
        }
    }

    /** Notifications were lost: add every tracked static address again (present ones stay as they are). */
    @Override
    public synchronized void onOverflow() {
        if (deletions != null) {
            add(new StaticEntries(current.addresses().stream().filter(a -> !a.options().noTrack()).toList(),
                    List.of(), List.of(), List.of()));
        }
    }

    @Override
    public void onFailure(NativeException failure) {
        LOG.warn("watching for deleted static addresses stopped: {}", failure.getMessage());
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
