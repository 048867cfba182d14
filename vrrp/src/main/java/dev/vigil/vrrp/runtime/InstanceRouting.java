package dev.vigil.vrrp.runtime;

import dev.vigil.linux.rtnetlink.Route;
import dev.vigil.linux.rtnetlink.RoutingRule;
import java.util.List;

/**
 * What a master holds besides its advertised VIPs: {@code virtual_ipaddress_excluded} (added,
 * removed and announced with the VIPs, never put in adverts, and not bound to the instance's
 * address family), {@code virtual_routes} and {@code virtual_rules}. keepalived adds them in
 * that order after the VIPs when it becomes MASTER, and removes rules, then routes, then the
 * addresses when it leaves MASTER for any state or stops ({@code vrrp_state_become_master},
 * {@code vrrp_restore_interface}).
 *
 * <p>A master watches its tracked routes and rules: one deleted by someone else makes it
 * resign and come back, restoring it, as keepalived does. Tracked are the routes with a
 * {@code dev} ({@link VirtualRoute#tracked}) and the rules, unless they have {@code no_track}.
 *
 * @param excludedVips {@code virtual_ipaddress_excluded}
 * @param routes       {@code virtual_routes}
 * @param rules        {@code virtual_rules}
 */
public record InstanceRouting(List<VirtualAddress> excludedVips, List<VirtualRoute> routes,
                              List<RoutingRule> rules) {

    /** Nothing besides the VIPs. */
    public static final InstanceRouting NONE = new InstanceRouting(List.of(), List.of(), List.of());

    public InstanceRouting {
        excludedVips = List.copyOf(excludedVips);
        routes = List.copyOf(routes);
        rules = List.copyOf(rules);
    }

    /**
     * Whether a deletion of {@code rule} by someone else is acted on: a tracked rule carries
     * protocol keepalived (18), as keepalived forces on it; one with {@code no_track} is sent
     * without a protocol (the daemon's adapter does both).
     */
    public static boolean tracked(RoutingRule rule) {
        return rule.protocol() == Route.PROTOCOL_KEEPALIVED;
    }

    /** The routes whose deletion makes a master resign. */
    public List<VirtualRoute> trackedRoutes() {
        return routes.stream().filter(VirtualRoute::tracked).toList();
    }

    /** The rules whose deletion makes a master resign. */
    public List<RoutingRule> trackedRules() {
        return rules.stream().filter(InstanceRouting::tracked).toList();
    }

    /** Whether a master would watch for deletions of any of its routes or rules. */
    public boolean watchesRouting() {
        return !trackedRoutes().isEmpty() || !trackedRules().isEmpty();
    }

    /** Whether there are routes or rules. */
    public boolean hasRouting() {
        return !routes.isEmpty() || !rules.isEmpty();
    }
}
