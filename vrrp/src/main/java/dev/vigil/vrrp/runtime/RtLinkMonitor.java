package dev.vigil.vrrp.runtime;

import dev.vigil.linux.NativeException;
import dev.vigil.linux.rtnetlink.Link;
import dev.vigil.linux.rtnetlink.Route;
import dev.vigil.linux.rtnetlink.RtEvent;
import dev.vigil.linux.rtnetlink.RtEventListener;
import dev.vigil.linux.rtnetlink.RtEventSubscription;
import dev.vigil.linux.rtnetlink.RtGroup;
import dev.vigil.linux.rtnetlink.RtNetlink;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Link state from rtnetlink: the current state from a link dump, changes from an
 * RTM_NEWLINK/RTM_DELLINK subscription. Reports a change only when an interface's usability
 * (IFF_UP and IFF_RUNNING, as keepalived) actually flips, and deletions with the index; after
 * a notification overflow it re-reads every link and reports the deletions it missed.
 * Deleted addresses (RTM_DELADDR) are passed on as they come; after an overflow the listener
 * is told that some may have been lost, so that it checks its own.
 * Deleted routes and rules come from a second subscription, open only while asked for
 * ({@link #watchRouting}); an overflow there is logged, once per subscription: the kernel
 * cannot be asked which deletions were lost short of a dump of every table.
 */
final class RtLinkMonitor implements LinkMonitor, RtEventListener {

    private static final Logger LOG = LoggerFactory.getLogger(RtLinkMonitor.class);

    private final RtNetlink rtnetlink;
    private final Listener listener;
    /** Last reported usability per interface name. Guarded by this. */
    private final Map<String, Boolean> known = new HashMap<>();
    /** The ifindex last seen under each known name that exists. Guarded by this. */
    private final Map<String, Integer> indexes = new HashMap<>();
    private final RtEventSubscription subscription;
    /** Route and rule deletions; null while not watched. Guarded by this. */
    private RtEventSubscription routing;
    /** Set by {@link #close()}: no subscription opens after it. Guarded by this. */
    private boolean closed;

    private RtLinkMonitor(RtNetlink rtnetlink, Listener listener) throws NativeException {
        this.rtnetlink = rtnetlink;
        this.listener = listener;
        this.subscription = RtEventSubscription.start(Set.of(RtGroup.LINK, RtGroup.IPV4_IFADDR, RtGroup.IPV6_IFADDR),
                this, "vrrp-links");
    }

    /** Subscribes in the calling thread's namespace. */
    static RtLinkMonitor start(RtNetlink rtnetlink, Listener listener) throws NativeException {
        return new RtLinkMonitor(rtnetlink, listener);
    }

    static boolean usable(Link link) {
        return link.isUp() && link.isRunning();
    }

    @Override
    public synchronized boolean isUp(String interfaceName) throws NativeException {
        Optional<Link> link = rtnetlink.link(interfaceName);
        boolean up = link.map(RtLinkMonitor::usable).orElse(false);
        known.put(interfaceName, up);
        link.ifPresent(l -> indexes.put(interfaceName, l.index()));
        return up;
    }

    @Override
    public void onEvent(RtEvent event) {
        switch (event) {
            case RtEvent.LinkChanged changed -> changed(changed.link());
            case RtEvent.LinkRemoved removed -> removed(removed.link().name(), removed.link().index());
            case RtEvent.AddressRemoved removed -> listener.addressRemoved(removed.address().address());
            case RtEvent.AddressAdded added -> listener.addressAdded(added.address().address());
            default -> { }
        }
    }

    /**
     * Link notifications were lost: every link is read again. A known interface that is gone,
     * or there under another index (deleted and created again meanwhile), is reported deleted
     * first, as the lost RTM_DELLINK would have.
     */
    @Override
    public void onOverflow() {
        try {
            List<Link> now = rtnetlink.links();
            Map<String, Integer> before;
            synchronized (this) {
                before = Map.copyOf(indexes);
            }
            missedDeletions(before, now).forEach(this::removed);
            now.forEach(this::changed);
        } catch (NativeException e) {
            LOG.warn("cannot re-read links after a netlink overflow: {}", e.getMessage());
        }
        listener.addressNotificationsLost();
    }

    @Override
    public void onFailure(NativeException failure) {
        LOG.error("link monitoring stopped: {}; link changes are no longer seen", failure.getMessage());
    }

    /**
     * The deletions a dump reveals: each name of {@code before} (name to the index last seen)
     * that {@code now} lacks or has under another index, with the index that went.
     */
    static Map<String, Integer> missedDeletions(Map<String, Integer> before, List<Link> now) {
        Map<String, Integer> current = new HashMap<>();
        now.forEach(link -> current.put(link.name(), link.index()));
        Map<String, Integer> out = new TreeMap<>();
        before.forEach((name, index) -> {
            if (!index.equals(current.get(name))) {
                out.put(name, index);
            }
        });
        return out;
    }

    private void changed(Link link) {
        synchronized (this) {
            if (known.containsKey(link.name())) {
                indexes.put(link.name(), link.index());
            }
        }
        update(link.name(), usable(link));
    }

    private void removed(String name, int index) {
        Boolean before;
        synchronized (this) {
            before = known.put(name, false);
            indexes.remove(name, index);
        }
        if (before != null) {
            listener.linkRemoved(name, index);
        }
    }

    private void update(String name, boolean up) {
        Boolean before;
        synchronized (this) {
            before = known.put(name, up);
        }
        if (before != null && before != up) {
            listener.linkChanged(name, up);
        }
    }

    @Override
    public void watchRouting(boolean on) throws NativeException {
        RtEventSubscription stopped = null;
        synchronized (this) {
            if (on && routing == null && !closed) {
                routing = RtEventSubscription.start(Set.of(RtGroup.IPV4_ROUTE, RtGroup.IPV6_ROUTE, RtGroup.IPV4_RULE,
                        RtGroup.IPV6_RULE), new RoutingDeletions(), "vrrp-routing");
            } else if (!on && routing != null) {
                stopped = routing;
                routing = null;
            }
        }
        if (stopped != null) {
            stopped.close();
        }
    }

    @Override
    public void close() {
        subscription.close();
        RtEventSubscription stopped;
        synchronized (this) {
            closed = true;
            stopped = routing;
            routing = null;
        }
        if (stopped != null) {
            stopped.close();
        }
    }

    /** Passes deleted routes and rules on. */
    private final class RoutingDeletions implements RtEventListener {
        private boolean overflowLogged;

        @Override
        public void onEvent(RtEvent event) {
            switch (event) {
                // Tracked virtual routes always carry protocol keepalived (18); a busy router's
                // other deletions stop here, on the subscription's thread.
                case RtEvent.RouteRemoved removed when removed.route().protocol() == Route.PROTOCOL_KEEPALIVED ->
                        listener.routeRemoved(removed.route());
                case RtEvent.RuleRemoved removed when removed.rule().rule().protocol() == 0
                        || removed.rule().rule().protocol() == Route.PROTOCOL_KEEPALIVED ->
                        listener.ruleRemoved(removed.rule());
                default -> { }
            }
        }

        @Override
        public void onOverflow() {
            if (!overflowLogged) {
                overflowLogged = true;
                LOG.warn("route/rule notifications overflowed the receive buffer: a virtual route or rule deleted"
                        + " meanwhile may go unnoticed until the instance next becomes MASTER (logged once)");
            }
        }

        @Override
        public void onFailure(NativeException failure) {
            LOG.error("route/rule monitoring stopped: {}; deleted virtual routes and rules are no longer seen",
                    failure.getMessage());
        }
    }
}
