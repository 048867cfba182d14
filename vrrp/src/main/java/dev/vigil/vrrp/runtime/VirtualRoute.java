package dev.vigil.vrrp.runtime;

import dev.vigil.linux.rtnetlink.Route;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of {@code virtual_routes}: the route as the kernel gets it, except its output
 * interface, which is named here and resolved when the route is added (the interface may
 * appear after start).
 *
 * @param route   the route, with no output interface index
 * @param device  {@code dev}: the output interface's name
 * @param noTrack {@code no_track}: the route's interface is not tracked (the daemon adds the
 *                tracking of the others), and a master stays MASTER when the route is deleted
 *                (it resigns for a deleted tracked one, {@link InstanceRouting#trackedRoutes})
 */
public record VirtualRoute(Route route, Optional<String> device, boolean noTrack) {

    public VirtualRoute {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(device, "device");
        if (route.outputInterface() != 0) {
            throw new IllegalArgumentException("name the output interface with device, not an index: " + route);
        }
    }

    /**
     * Whether a deletion by someone else is acted on (keepalived: a route with a {@code dev} and
     * without {@code no_track}; it cannot tell a route without an interface from others).
     */
    public boolean tracked() {
        return !noTrack && device.isPresent();
    }

    /** The route as the kernel gets it, out of interface {@code index} (0: none). */
    public Route toKernel(int index) {
        return route.dev(index);
    }

    @Override
    public String toString() {
        return route + device.map(d -> " dev " + d).orElse("");
    }
}
