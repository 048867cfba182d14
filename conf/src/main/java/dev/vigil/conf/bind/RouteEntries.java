package dev.vigil.conf.bind;

import dev.vigil.conf.model.IpAddress;
import dev.vigil.conf.model.IpPrefix;
import dev.vigil.conf.model.IpRoute;
import dev.vigil.conf.model.IpRule;
import dev.vigil.conf.tree.ConfNode;
import dev.vigil.conf.tree.Word;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Parses {@code virtual_routes}/{@code static_routes} and {@code virtual_rules}/{@code static_rules}
 * lines ({@code ip route} / {@code ip rule} syntax as {@code vrrp_iproute.c} and {@code vrrp_iprule.c}
 * read it). Options Vigil does not interpret are kept verbatim.
 */
final class RouteEntries {

    private static final Set<String> ROUTE_TYPES = Set.of("unicast", "blackhole", "unreachable", "prohibit",
            "throw", "local", "broadcast", "anycast", "multicast", "nat");
    /** ip-route(8) options that take one value (optionally preceded by {@code lock}). */
    private static final Set<String> ROUTE_VALUE_OPTIONS = Set.of("tos", "dsfield", "mtu", "hoplimit", "advmss",
            "rtt", "rttvar", "reordering", "window", "cwnd", "ssthresh", "realms", "rto_min", "initcwnd",
            "initrwnd", "features", "quickack", "congctl", "pref", "ttl-propagate", "expires", "from", "fastopen_no_cookie");
    /** ip-rule(8) selectors and actions that take one value. */
    private static final Set<String> RULE_VALUE_OPTIONS = Set.of("tos", "dsfield", "realms", "goto",
            "suppress_prefixlength", "suppress_ifgroup", "uidrange", "sport", "dport", "ipproto", "protocol",
            "nat", "l3mdev");
    /** Largest route metric / rule priority: 32 bits. */
    private static final long U32_MAX = 0xffffffffL;

    private RouteEntries() {
    }

    static Optional<IpRoute> route(ConfNode line, BindContext context) {
        List<Word> words = words(line);
        String type = "unicast";
        IpPrefix destination = null;
        Optional<IpAddress> source = Optional.empty();
        Optional<IpAddress> via = Optional.empty();
        List<IpAddress> alternates = new ArrayList<>();
        Optional<String> device = Optional.empty();
        Optional<String> scope = Optional.empty();
        Optional<String> table = Optional.empty();
        Optional<Long> metric = Optional.empty();
        Optional<String> protocol = Optional.empty();
        boolean onlink = false;
        boolean noTrack = false;
        Map<String, String> other = new LinkedHashMap<>();
        for (int i = 0; i < words.size(); i++) {
            Word word = words.get(i);
            String w = word.text();
            if (i == 0 && ROUTE_TYPES.contains(w)) {
                type = w;
                continue;
            }
            if (w.equals("onlink")) {
                onlink = true;
                continue;
            }
            if (w.equals("no_track")) {
                noTrack = true;
                continue;
            }
            if (w.equals("to")) {
                continue;
            }
            boolean isOption = Set.of("src", "via", "gw", "or", "dev", "oif", "scope", "table", "metric", "priority",
                    "preference", "protocol", "nexthop").contains(w) || ROUTE_VALUE_OPTIONS.contains(w);
            if (!isOption) {
                if (destination != null) {
                    context.error(word, "unexpected '" + w + "' in route; ignoring this route");
                    return Optional.empty();
                }
                Optional<IpPrefix> dest = destination(word, context);
                if (dest.isEmpty()) {
                    return Optional.empty();
                }
                destination = dest.get();
                continue;
            }
            if (w.equals("nexthop")) {
                other.put("nexthop", String.join(" ", words.subList(i + 1, words.size()).stream().map(Word::text).toList()));
                break;
            }
            if (i + 1 >= words.size()) {
                context.error(word, "no value for '" + w + "' in route; ignoring this route");
                return Optional.empty();
            }
            Word value = words.get(++i);
            switch (w) {
                case "src" -> source = Values.address("route src", value, context);
                case "via", "gw" -> {
                    if (w.equals("gw")) {
                        context.warning(word, "'gw' in routes is deprecated; use 'via'");
                    }
                    if ((value.text().equals("inet") || value.text().equals("inet6")) && i + 1 < words.size()) {
                        value = words.get(++i);
                    }
                    via = Values.address("route via", value, context);
                }
                case "or" -> Values.address("route gateway", value, context).ifPresent(alternates::add);
                case "dev", "oif" -> device = Optional.of(value.text());
                case "scope" -> scope = Optional.of(value.text());
                case "table" -> table = Optional.of(value.text());
                case "protocol" -> protocol = Optional.of(value.text());
                case "metric", "priority", "preference" -> {
                    OptionalLong m = Values.number("route metric", value, context, 0, U32_MAX, OptionalLong.empty());
                    metric = m.isPresent() ? Optional.of(m.getAsLong()) : Optional.empty();
                }
                default -> {
                    if (value.text().equals("lock") && i + 1 < words.size()) {
                        other.put(w, "lock " + words.get(++i).text());
                    } else {
                        other.put(w, value.text());
                    }
                }
            }
        }
        if (destination == null) {
            context.error(line.keyword(), "route has no destination; ignoring it");
            return Optional.empty();
        }
        if (via.isPresent() && via.get().family() != destination.family()
                || source.isPresent() && source.get().family() != destination.family()) {
            context.error(line.keyword(), "cannot mix IPv4 and IPv6 addresses in a route; ignoring it");
            return Optional.empty();
        }
        return Optional.of(new IpRoute(type, destination, source, via, alternates, device, scope, table, metric,
                protocol, onlink, noTrack, other));
    }

    /** A route destination: {@code PREFIX}, a host address, or {@code default}/{@code default6}. */
    private static Optional<IpPrefix> destination(Word word, BindContext context) {
        return switch (word.text()) {
            case "default", "any", "all" -> Optional.of(IpPrefix.of("0.0.0.0/0"));
            case "default6" -> Optional.of(IpPrefix.of("::/0"));
            default -> Values.prefix("route destination", word, context);
        };
    }

    static Optional<IpRule> rule(ConfNode line, BindContext context) {
        List<Word> words = words(line);
        Optional<IpPrefix> from = Optional.empty();
        Optional<IpPrefix> to = Optional.empty();
        Optional<String> table = Optional.empty();
        Optional<Long> priority = Optional.empty();
        Optional<String> fwmark = Optional.empty();
        Optional<String> iif = Optional.empty();
        Optional<String> oif = Optional.empty();
        boolean noTrack = false;
        Map<String, String> other = new LinkedHashMap<>();
        for (int i = 0; i < words.size(); i++) {
            Word word = words.get(i);
            String w = word.text();
            if (w.equals("no_track") || w.equals("not") || ROUTE_TYPES.contains(w)) {
                if (w.equals("no_track")) {
                    noTrack = true;
                } else {
                    other.put(w, "");
                }
                continue;
            }
            if (i + 1 >= words.size()) {
                context.error(word, "no value for '" + w + "' in rule; ignoring this rule");
                return Optional.empty();
            }
            Word value = words.get(++i);
            switch (w) {
                case "from" -> {
                    from = value.text().equals("all") ? Optional.empty() : Values.prefix("rule from", value, context);
                    if (from.isEmpty() && !value.text().equals("all")) {
                        return Optional.empty();
                    }
                }
                case "to" -> {
                    to = value.text().equals("all") ? Optional.empty() : Values.prefix("rule to", value, context);
                    if (to.isEmpty() && !value.text().equals("all")) {
                        return Optional.empty();
                    }
                }
                case "table", "lookup" -> table = Optional.of(value.text());
                case "priority", "preference", "pref" -> {
                    OptionalLong p = Values.number("rule priority", value, context, 0, U32_MAX, OptionalLong.empty());
                    priority = p.isPresent() ? Optional.of(p.getAsLong()) : Optional.empty();
                }
                case "fwmark" -> fwmark = Optional.of(value.text());
                case "iif", "iifname" -> iif = Optional.of(value.text());
                case "oif", "oifname" -> oif = Optional.of(value.text());
                default -> {
                    if (!RULE_VALUE_OPTIONS.contains(w)) {
                        context.error(word, "unknown rule option '" + w + "'; ignoring this rule");
                        return Optional.empty();
                    }
                    other.put(w, value.text());
                }
            }
        }
        if (from.isPresent() && to.isPresent() && from.get().family() != to.get().family()) {
            context.error(line.keyword(), "cannot mix IPv4 and IPv6 addresses in a rule; ignoring it");
            return Optional.empty();
        }
        return Optional.of(new IpRule(from, to, table, priority, fwmark, iif, oif, noTrack, other));
    }

    private static List<Word> words(ConfNode line) {
        List<Word> words = new ArrayList<>();
        words.add(line.keyword());
        words.addAll(line.arguments());
        return words;
    }
}
