package dev.vigil.vrrp.runtime;

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

    /** Whether there are routes or rules. */
    public boolean hasRouting() {
        return !routes.isEmpty() || !rules.isEmpty();
    }
}
