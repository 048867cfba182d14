package dev.vigil.daemon.adapt;

import dev.vigil.conf.model.IpRule;
import dev.vigil.conf.model.KeepalivedConfig;
import dev.vigil.conf.model.VirtualIpAddress;
import dev.vigil.linux.rtnetlink.RoutingRule;
import dev.vigil.vrrp.runtime.VirtualAddress;
import dev.vigil.vrrp.runtime.VirtualRoute;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code static_ipaddress}, {@code static_routes} and {@code static_rules}: what the VRRP side
 * puts in the kernel at start whatever the instances' states (keepalived {@code vrrp_daemon.c}).
 * Every address has its {@code dev} (the conf layer refuses one without). Tracked, that is put
 * back when someone else deletes them, are the addresses, the routes with a {@code dev} and the
 * rules, unless they have {@code no_track}.
 *
 * @param addresses      {@code static_ipaddress}
 * @param routes         {@code static_routes}
 * @param rules          {@code static_rules}
 * @param untrackedRules the rules with {@code no_track} (addresses and routes carry their own flag)
 * @param issues         what could not be adapted
 */
public record StaticEntries(List<VirtualAddress> addresses, List<VirtualRoute> routes, List<RoutingRule> rules,
                            Set<RoutingRule> untrackedRules, List<AdaptIssue> issues) {

    /** Nothing static. */
    public static final StaticEntries NONE = new StaticEntries(List.of(), List.of(), List.of(), List.of());

    public StaticEntries {
        addresses = List.copyOf(addresses);
        routes = List.copyOf(routes);
        rules = List.copyOf(rules);
        untrackedRules = Set.copyOf(untrackedRules);
        issues = List.copyOf(issues);
    }

    /** Every rule tracked. */
    public StaticEntries(List<VirtualAddress> addresses, List<VirtualRoute> routes, List<RoutingRule> rules,
                         List<AdaptIssue> issues) {
        this(addresses, routes, rules, Set.of(), issues);
    }

    /** The routes put back when deleted: with a {@code dev}, without {@code no_track}. */
    public List<VirtualRoute> trackedRoutes() {
        return routes.stream().filter(r -> !r.noTrack() && r.device().isPresent()).toList();
    }

    /** The rules put back when deleted: those without {@code no_track}. */
    public List<RoutingRule> trackedRules() {
        return rules.stream().filter(r -> !untrackedRules.contains(r)).toList();
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
        Set<RoutingRule> untracked = new LinkedHashSet<>();
        for (IpRule line : config.staticRules()) {
            RoutingAdapter.rule(line, "static_rules", issues).ifPresent(rule -> {
                rules.add(rule);
                if (line.noTrack()) {
                    untracked.add(rule);
                }
            });
        }
        return new StaticEntries(addresses, routes, rules, untracked, issues);
    }

    /** Whether there is nothing to apply. */
    public boolean isEmpty() {
        return addresses.isEmpty() && routes.isEmpty() && rules.isEmpty();
    }
}
