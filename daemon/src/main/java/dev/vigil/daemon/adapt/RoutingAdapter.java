package dev.vigil.daemon.adapt;

import dev.vigil.conf.model.AddressFamily;
import dev.vigil.conf.model.IpAddress;
import dev.vigil.conf.model.IpPrefix;
import dev.vigil.conf.model.IpRoute;
import dev.vigil.conf.model.IpRule;
import dev.vigil.conf.model.VirtualIpAddress;
import dev.vigil.conf.model.VrrpInstance;
import dev.vigil.linux.rtnetlink.AddressFlag;
import dev.vigil.linux.rtnetlink.AddressPrefix;
import dev.vigil.linux.rtnetlink.Route;
import dev.vigil.linux.rtnetlink.RouteNexthop;
import dev.vigil.linux.rtnetlink.RouteType;
import dev.vigil.linux.rtnetlink.RoutingRule;
import dev.vigil.vrrp.runtime.InstanceRouting;
import dev.vigil.vrrp.runtime.VipOptions;
import dev.vigil.vrrp.runtime.VirtualAddress;
import dev.vigil.vrrp.runtime.VirtualRoute;
import dev.vigil.vrrp.track.TrackerSpec;
import dev.vigil.vrrp.track.Weight;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Adapts address, route and rule lines ({@code virtual_ipaddress[_excluded]}, {@code virtual_routes},
 * {@code virtual_rules} and their {@code static_*} forms) into what the kernel gets, as keepalived
 * reads them ({@code vrrp_ipaddress.c}, {@code vrrp_iproute.c}, {@code vrrp_iprule.c}): routes and
 * rules carry protocol 18 ("keepalived") unless {@code no_track} with another protocol; a route's
 * {@code or} gateway makes a two-path route; names of tables, scopes and protocols are iproute2's
 * built-in ones (the {@code rt_tables} files are not read). What cannot be applied is an
 * {@link AdaptIssue}. Pure.
 */
public final class RoutingAdapter {

    private static final Map<String, Integer> SCOPES = Map.of("global", 0, "universe", 0, "site", 200,
            "link", 253, "host", 254, "nowhere", 255);
    private static final Map<String, Long> TABLES = Map.of("default", 253L, "main", 254L, "local", 255L);
    private static final Map<String, Integer> PROTOCOLS = Map.of("redirect", 1, "kernel", 2, "boot", 3,
            "static", 4, "keepalived", Route.PROTOCOL_KEEPALIVED);

    private RoutingAdapter() {
    }

    /** The excluded VIPs, routes and rules of an instance. */
    public static InstanceRouting instance(VrrpInstance instance,
                                                                 String subject, List<AdaptIssue> issues) {
        List<VirtualAddress> excluded = instance.excludedVirtualIpAddresses().stream()
                .map(v -> address(v, subject, issues)).toList();
        List<VirtualRoute> routes = new ArrayList<>();
        instance.virtualRoutes().forEach(r -> route(r, subject, issues).ifPresent(routes::add));
        List<RoutingRule> rules = new ArrayList<>();
        instance.virtualRules().forEach(r -> rule(r, subject, issues).ifPresent(rules::add));
        return new InstanceRouting(excluded, routes, rules);
    }

    /**
     * keepalived (vrrp.c, vrrp_complete_instance): the interfaces of VIPs, excluded VIPs and
     * routes ({@code dev}) and of rules ({@code iif}, {@code oif}) that are not the instance's
     * own are tracked as if in {@code track_interface} without a weight (down means FAULT),
     * unless the entry has {@code no_track}; with {@code dont_track_primary}, a route or rule
     * on the own interface has it tracked again (a VIP does not, on the interface or on the
     * instance's VMAC {@code vmac}). Returns {@code trackers} with those added; an
     * interface already in {@code track_interface} with a weight loses it, as keepalived's
     * {@code add_vrrp_to_interface} gives a weighted tracker the implicit weight 0.
     */
    public static List<TrackerSpec> withImplicitTracking(VrrpInstance instance, Optional<String> vmac,
                                                         List<TrackerSpec> trackers) {
        String own = instance.interfaceName().orElse("");
        // keepalived: "If the vrrp instance doesn't track its primary interface, ensure that
        // VIPs/eVIPs don't cause it to be tracked": neither the interface nor its VMAC.
        Set<String> untrackedByVips = new HashSet<>(Set.of(own));
        if (instance.dontTrackPrimary()) {
            vmac.ifPresent(untrackedByVips::add);
        }
        Set<String> devices = new LinkedHashSet<>();
        List<VirtualIpAddress> addresses = new ArrayList<>(instance.virtualIpAddresses());
        addresses.addAll(instance.excludedVirtualIpAddresses());
        addresses.stream().filter(a -> !a.noTrack()).forEach(a -> a.device().filter(d -> !untrackedByVips.contains(d))
                .ifPresent(devices::add));
        // A route's or rule's interface is tracked even when it is the instance's own and
        // dont_track_primary is set (add_vrrp_to_interface gives the own entry weight 0 again);
        // without dont_track_primary the own interface is tracked anyway.
        Set<String> routing = new LinkedHashSet<>();
        instance.virtualRoutes().stream().filter(r -> !r.noTrack()).forEach(r -> r.device().ifPresent(routing::add));
        instance.virtualRules().stream().filter(r -> !r.noTrack()).forEach(r -> {
            r.inputInterface().ifPresent(routing::add);
            r.outputInterface().ifPresent(routing::add);
        });
        if (!instance.dontTrackPrimary()) {
            routing.remove(own);
        }
        devices.addAll(routing);
        List<TrackerSpec> out = new ArrayList<>(trackers);
        for (String device : devices) {
            TrackerSpec implicit = new TrackerSpec.Interface(device, Weight.FAULT_ONLY);
            int configured = keyIndex(out, implicit.key());
            if (configured < 0) {
                out.add(implicit);
            } else {
                out.set(configured, implicit);
            }
        }
        return out;
    }

    private static int keyIndex(List<TrackerSpec> trackers, String key) {
        for (int i = 0; i < trackers.size(); i++) {
            if (trackers.get(i).key().equals(key)) {
                return i;
            }
        }
        return -1;
    }

    /** One address line with its options. */
    public static VirtualAddress address(VirtualIpAddress vip, String subject, List<AdaptIssue> issues) {
        IpPrefix prefix = vip.address();
        Optional<Inet4Address> broadcast = vip.broadcast().flatMap(b -> broadcast(b, prefix));
        Optional<Integer> scope = vip.scope().flatMap(s -> number(s, SCOPES, 255)).map(Long::intValue);
        if (vip.scope().isPresent() && scope.isEmpty()) {
            issues.add(new AdaptIssue(subject, "address " + prefix + ": unknown scope '" + vip.scope().get()
                    + "'; using global"));
        }
        Set<AddressFlag> flags = EnumSet.noneOf(AddressFlag.class);
        addIf(flags, vip.home(), AddressFlag.HOMEADDRESS);
        addIf(flags, vip.noDad(), AddressFlag.NODAD);
        addIf(flags, vip.manageTempAddress(), AddressFlag.MANAGETEMPADDR);
        addIf(flags, vip.noPrefixRoute(), AddressFlag.NOPREFIXROUTE);
        addIf(flags, vip.autoJoin(), AddressFlag.MCAUTOJOIN);
        Optional<AddressPrefix> peer = vip.peer().map(RoutingAdapter::prefix);
        VipOptions options = new VipOptions(broadcast, scope, peer, flags, vip.noTrack(), vip.preferredLifetime());
        return new VirtualAddress(prefix.address().inet(), prefix.length(), vip.label(), vip.device(), options);
    }

    /** One route line, or empty (with an issue) when the kernel cannot be given it. */
    public static Optional<VirtualRoute> route(IpRoute line, String subject, List<AdaptIssue> issues) {
        String what = "route " + line.destination();
        if (line.otherOptions().containsKey("nexthop")) {
            issues.add(new AdaptIssue(subject, what + ": 'nexthop' paths are not supported yet; use 'via A or B'; "
                    + "the route is not added"));
            return Optional.empty();
        }
        Optional<Long> table = line.table().map(t -> number(t, TABLES, 0xffff_ffffL)).orElse(Optional.of(254L));
        if (table.isEmpty() || table.get() == 0) {
            issues.add(new AdaptIssue(subject, what + ": unknown table '" + line.table().orElse("")
                    + "' (only numbers, main, local and default); the route is not added"));
            return Optional.empty();
        }
        Optional<Long> scope = line.scope().flatMap(s -> number(s, SCOPES, 255));
        if (line.scope().isPresent() && scope.isEmpty()) {
            issues.add(new AdaptIssue(subject, what + ": unknown scope '" + line.scope().get()
                    + "'; the route is not added"));
            return Optional.empty();
        }
        int protocol = protocol(line.protocol(), line.noTrack(), what, subject, issues);
        List<RouteNexthop> nexthops = new ArrayList<>();
        Optional<InetAddress> gateway = line.via().map(IpAddress::inet);
        if (!line.alternateGateways().isEmpty() && gateway.isPresent()) {
            nexthops.add(RouteNexthop.via(gateway.get()));
            line.alternateGateways().forEach(g -> nexthops.add(RouteNexthop.via(g.inet())));
            gateway = Optional.empty();
        }
        if (!line.otherOptions().isEmpty()) {
            issues.add(new AdaptIssue(subject, what + ": options not supported yet, the route is added without "
                    + "them: " + String.join(", ", line.otherOptions().keySet())));
        }
        try {
            Route route = new Route(RouteType.of(line.type()), prefix(line.destination()), table.get(),
                    scope.map(Long::intValue), protocol, line.source().map(IpAddress::inet), gateway, 0,
                    line.metric(), line.onlink(), nexthops);
            return Optional.of(new VirtualRoute(route, line.device(), line.noTrack()));
        } catch (IllegalArgumentException e) {
            issues.add(new AdaptIssue(subject, what + ": " + e.getMessage() + "; the route is not added"));
            return Optional.empty();
        }
    }

    /** One rule line, or empty (with an issue) when it has selectors or actions Vigil does not send. */
    public static Optional<RoutingRule> rule(IpRule line, String subject, List<AdaptIssue> issues) {
        String what = "rule" + line.from().map(f -> " from " + f).orElse("") + line.to().map(t -> " to " + t)
                .orElse("");
        if (!line.otherOptions().isEmpty()) {
            issues.add(new AdaptIssue(subject, what + ": " + String.join(", ", line.otherOptions().keySet())
                    + " not supported yet; the rule is not added (it would match more than configured)"));
            return Optional.empty();
        }
        Optional<Long> table = line.table().flatMap(t -> number(t, TABLES, 0xffff_ffffL));
        if (table.isEmpty() || table.get() == 0) {
            issues.add(new AdaptIssue(subject, what + ": a rule needs a known table (number, main, local or "
                    + "default); the rule is not added"));
            return Optional.empty();
        }
        Optional<Long> mark = Optional.empty();
        Optional<Long> mask = Optional.empty();
        if (line.fwmark().isPresent()) {
            String[] parts = line.fwmark().get().split("/", 2);
            mark = unsigned(parts[0]);
            mask = parts.length > 1 ? unsigned(parts[1]) : Optional.empty();
            if (mark.isEmpty() || parts.length > 1 && mask.isEmpty()) {
                issues.add(new AdaptIssue(subject, what + ": fwmark '" + line.fwmark().get()
                        + "' is not MARK[/MASK]; the rule is not added"));
                return Optional.empty();
            }
        }
        boolean ipv6 = line.from().or(line::to).map(p -> p.family() == AddressFamily.INET6)
                .orElse(false);
        int protocol = line.noTrack() ? 0 : Route.PROTOCOL_KEEPALIVED;
        try {
            return Optional.of(new RoutingRule(ipv6, line.from().map(RoutingAdapter::prefix),
                    line.to().map(RoutingAdapter::prefix), table.get(), line.priority(), mark, mask,
                    line.inputInterface(), line.outputInterface(), protocol));
        } catch (IllegalArgumentException e) {
            issues.add(new AdaptIssue(subject, what + ": " + e.getMessage() + "; the rule is not added"));
            return Optional.empty();
        }
    }

    /** keepalived: protocol 18 so it can watch its routes, unless no_track lets another one through. */
    private static int protocol(Optional<String> configured, boolean noTrack, String what, String subject,
                                List<AdaptIssue> issues) {
        if (configured.isEmpty()) {
            return Route.PROTOCOL_KEEPALIVED;
        }
        Optional<Long> value = number(configured.get(), PROTOCOLS, 255);
        if (value.isEmpty()) {
            issues.add(new AdaptIssue(subject, what + ": unknown protocol '" + configured.get()
                    + "'; using keepalived (18)"));
            return Route.PROTOCOL_KEEPALIVED;
        }
        if (!noTrack && value.get() != Route.PROTOCOL_KEEPALIVED) {
            issues.add(new AdaptIssue(subject, what + ": a tracked route has protocol keepalived (18), as in "
                    + "keepalived; add no_track to keep protocol " + configured.get()));
            return Route.PROTOCOL_KEEPALIVED;
        }
        return value.get().intValue();
    }

    /** ip-address(8) {@code brd}: an address, {@code +} (host bits set) or {@code -} (host bits clear). */
    private static Optional<Inet4Address> broadcast(String text, IpPrefix prefix) {
        if (!(prefix.address().inet() instanceof Inet4Address v4)) {
            return Optional.empty();
        }
        if (!text.equals("+") && !text.equals("-")) {
            return IpAddress.parse(text).map(IpAddress::inet).filter(Inet4Address.class::isInstance)
                    .map(Inet4Address.class::cast);
        }
        int bits = ByteBuffer.wrap(v4.getAddress()).getInt();
        int host = prefix.length() == 0 ? -1 : (int) ((1L << (32 - prefix.length())) - 1);
        int value = text.equals("+") ? bits | host : bits & ~host;
        try {
            return Optional.of((Inet4Address) InetAddress.getByAddress(
                    ByteBuffer.allocate(4).putInt(value).array()));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an address", e);
        }
    }

    private static AddressPrefix prefix(IpPrefix prefix) {
        return new AddressPrefix(prefix.address().inet(), prefix.length());
    }

    /** A name from {@code names} or a number up to {@code max} (decimal or 0x hex). */
    private static <N extends Number> Optional<Long> number(String text, Map<String, N> names, long max) {
        N named = names.get(text);
        if (named != null) {
            return Optional.of(named.longValue());
        }
        return unsigned(text).filter(v -> v <= max);
    }

    private static Optional<Long> unsigned(String text) {
        try {
            long value = text.startsWith("0x") || text.startsWith("0X") ? Long.parseLong(text.substring(2), 16)
                    : Long.parseLong(text);
            return value < 0 || value > 0xffff_ffffL ? Optional.empty() : Optional.of(value);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void addIf(Set<AddressFlag> flags, boolean condition, AddressFlag flag) {
        if (condition) {
            flags.add(flag);
        }
    }
}
