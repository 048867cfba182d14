package dev.vigil.daemon.run;

import dev.vigil.daemon.adapt.StaticEntries;
import dev.vigil.linux.Errno;
import dev.vigil.linux.NativeException;
import dev.vigil.linux.rtnetlink.Link;
import dev.vigil.linux.rtnetlink.Route;
import dev.vigil.linux.rtnetlink.RoutingHints;
import dev.vigil.linux.rtnetlink.RoutingRule;
import dev.vigil.linux.rtnetlink.RtNetlink;
import dev.vigil.vrrp.runtime.VirtualAddress;
import dev.vigil.vrrp.runtime.VirtualRoute;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code static_ipaddress}, {@code static_routes} and {@code static_rules} as keepalived's
 * VRRP process does ({@code vrrp_daemon.c}): at start it deletes any left over from an earlier
 * run, then adds them all (addresses, routes, rules); a reload deletes the ones the new
 * configuration drops and adds the new set (an entry already there is left alone); at stop it
 * deletes them all, rules first, even with {@code --dont-release-vrrp} (which keeps only the VIPs).
 * Static entries are this daemon's: it deletes them at stop whether or not it added them.
 * Failures are logged with the operation, the errno and what to check, and never stop the daemon.
 *
 * <p>Used from the daemon's thread at start and stop and from the reload thread; methods are
 * synchronized.
 */
final class StaticRouting implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StaticRouting.class);

    private final RtNetlink rtnetlink;
    /** Guarded by this. */
    private StaticEntries current = StaticEntries.NONE;

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

    /** Deletes every static entry (rules, routes, addresses) and closes rtnetlink. */
    @Override
    public synchronized void close() {
        delete(current, false);
        current = StaticEntries.NONE;
        rtnetlink.close();
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
