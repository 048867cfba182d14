package dev.vigil.vrrp.runtime;

import dev.vigil.linux.rtnetlink.RoutingRule;
import java.util.List;
import java.util.Set;

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
 * {@code dev} and the rules, unless they have {@code no_track} (keepalived cannot tell a route
 * without an interface from others).
 *
 * @param excludedVips   {@code virtual_ipaddress_excluded}
 * @param routes         {@code virtual_routes}
 * @param rules          {@code virtual_rules}
 * @param untrackedRules the rules with {@code no_track} (routes carry their own flag)
 */
public record InstanceRouting(List<VirtualAddress> excludedVips, List<VirtualRoute> routes,
                              List<RoutingRule> rules, Set<RoutingRule> untrackedRules) {

    /** Nothing besides the VIPs. */
    public static final InstanceRouting NONE = new InstanceRouting(List.of(), List.of(), List.of());

    public InstanceRouting {
        excludedVips = List.copyOf(excludedVips);
        routes = List.copyOf(routes);
        rules = List.copyOf(rules);
        untrackedRules = Set.copyOf(untrackedRules);
        if (!rules.containsAll(untrackedRules)) {
            throw new IllegalArgumentException("untracked rules must be among the rules");
        }
    }

    /** Every rule tracked. */
    public InstanceRouting(List<VirtualAddress> excludedVips, List<VirtualRoute> routes, List<RoutingRule> rules) {
        this(excludedVips, routes, rules, Set.of());
    }

    /** The routes whose deletion makes a master resign: with a {@code dev}, without {@code no_track}. */
    public List<VirtualRoute> trackedRoutes() {
        return routes.stream().filter(r -> !r.noTrack() && r.device().isPresent()).toList();
    }

    /** The rules whose deletion makes a master resign: those without {@code no_track}. */
    public List<RoutingRule> trackedRules() {
        return rules.stream().filter(r -> !untrackedRules.contains(r)).toList();
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
