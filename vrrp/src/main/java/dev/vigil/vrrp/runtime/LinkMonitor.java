package dev.vigil.vrrp.runtime;

import dev.vigil.linux.NativeException;
import dev.vigil.linux.rtnetlink.DeletedRoute;
import dev.vigil.linux.rtnetlink.DeletedRule;
import java.net.InetAddress;

/**
 * Watches the instances' interfaces: whether each is usable now, and a call to the listener
 * given to {@link VrrpIo#linkMonitor} when that changes (from the monitor's own thread).
 * An interface is usable when it is administratively up and has carrier, as keepalived
 * requires ({@code IFF_UP} and {@code IFF_RUNNING}).
 */
public interface LinkMonitor extends AutoCloseable {

    /** Whether {@code interfaceName} is usable now. */
    boolean isUp(String interfaceName) throws NativeException;

    /**
     * Starts ({@code true}) or stops watching for deleted routes and rules. Only a runtime with
     * tracked virtual routes or rules asks for them, as keepalived subscribes to route
     * notifications only then: a router's tables can change often. The default watches nothing.
     */
    default void watchRouting(boolean on) throws NativeException {
    }

    /** Stops watching; no listener call follows once this returns. */
    @Override
    void close();

    /** Receives link changes, and the addresses, routes and rules the kernel reports deleted. */
    @FunctionalInterface
    interface Listener {
        /** {@code interfaceName} became usable ({@code up}) or stopped being usable. */
        void linkChanged(String interfaceName, boolean up);

        /**
         * The interface {@code index} named {@code interfaceName}, which was known, was deleted.
         * By default it is down ({@link #linkChanged}); the runtime also tells a VMAC of ours
         * from one it replaced itself, and makes the first again, as keepalived does.
         */
        default void linkRemoved(String interfaceName, int index) {
            linkChanged(interfaceName, false);
        }

        /** {@code address} was deleted from an interface (by anyone, the daemon included). */
        default void addressRemoved(InetAddress address) {
        }

        /** {@code address} was added to an interface (by anyone, the daemon included). */
        default void addressAdded(InetAddress address) {
        }

        /** The kernel reported a route deleted (by anyone, the daemon included), while routing is watched. */
        default void routeRemoved(DeletedRoute route) {
        }

        /** The kernel reported a policy rule deleted (by anyone, the daemon included), while routing is watched. */
        default void ruleRemoved(DeletedRule rule) {
        }

        /**
         * Address notifications were lost (the kernel's receive buffer overflowed): any
         * address may have been deleted without a notification.
         */
        default void addressNotificationsLost() {
        }
    }
}
