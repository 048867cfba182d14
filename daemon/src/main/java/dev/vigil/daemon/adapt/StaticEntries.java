package dev.vigil.daemon.adapt;

import dev.vigil.conf.model.KeepalivedConfig;
import dev.vigil.conf.model.VirtualIpAddress;
import dev.vigil.linux.rtnetlink.RoutingRule;
import dev.vigil.vrrp.runtime.InstanceRouting;
import dev.vigil.vrrp.runtime.VirtualAddress;
import dev.vigil.vrrp.runtime.VirtualRoute;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code static_ipaddress}, {@code static_routes} and {@code static_rules}: what the VRRP side
 * puts in the kernel at start whatever the instances' states (keepalived {@code vrrp_daemon.c}).
 * Every address has its {@code dev} (the conf layer refuses one without). Tracked, that is put
 * back when someone else deletes them, are the addresses, the routes with a {@code dev} and the
 * rules, unless they have {@code no_track} (as for a VRRP instance's, {@link InstanceRouting}).
 *
 * @param addresses {@code static_ipaddress}
 * @param routes    {@code static_routes}
 * @param rules     {@code static_rules}
 * @param issues    what could not be adapted
 */
public record StaticEntries(List<VirtualAddress> addresses, List<VirtualRoute> routes, List<RoutingRule> rules,
                            List<AdaptIssue> issues) {

    /** Nothing static. */
    public static final StaticEntries NONE = new StaticEntries(List.of(), List.of(), List.of(), List.of());

    public StaticEntries {
        addresses = List.copyOf(addresses);
        routes = List.copyOf(routes);
        rules = List.copyOf(rules);
        issues = List.copyOf(issues);
    }

    /** The routes put back when deleted. */
    public List<VirtualRoute> trackedRoutes() {
        return routes.stream().filter(VirtualRoute::tracked).toList();
    }

    /** The rules put back when deleted. */
    public List<RoutingRule> trackedRules() {
        return rules.stream().filter(InstanceRouting::tracked).toList();
    }

    /** The static entries of a configuration. */
    public static StaticEntries from(KeepalivedConfig config) {
        List<AdaptIssue> issues = new ArrayList<>();
        List<VirtualAddress> addresses = new ArrayList<>();
        for (VirtualIpAddress line : config.staticIpAddresses()) {
            if (line.device().isEmpty()) {
                issues.add(new AdaptIssue("static_ipaddress", line.address() + " has no dev; it is not added"));
            } else {
                addresses.add(RoutingAdapter.address(line, "static_ipaddress", issues));
            }
        }
        List<VirtualRoute> routes = new ArrayList<>();
        config.staticRoutes().forEach(r -> RoutingAdapter.route(r, "static_routes", issues).ifPresent(routes::add));
        List<RoutingRule> rules = new ArrayList<>();
        config.staticRules().forEach(r -> RoutingAdapter.rule(r, "static_rules", issues).ifPresent(rules::add));
        return new StaticEntries(addresses, routes, rules, issues);
    }

    /** Whether there is nothing to apply. */
    public boolean isEmpty() {
        return addresses.isEmpty() && routes.isEmpty() && rules.isEmpty();
    }
}
