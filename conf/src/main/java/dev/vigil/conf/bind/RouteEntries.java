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
        RouteLine route = new RouteLine(context);
        for (int i = 0; i < words.size(); i++) {
            i = route.accept(words, i);
            if (i < 0) {
                return Optional.empty();
            }
        }
        return route.build(line);
    }

    /** Accumulates one route line, word by word. */
    private static final class RouteLine {
        private static final Set<String> OPTIONS = Set.of("src", "via", "gw", "or", "dev", "oif", "scope", "table",
                "metric", "priority", "preference", "protocol", "nexthop");

        private final BindContext context;
        private String type = "unicast";
        private IpPrefix destination;
        private Optional<IpAddress> source = Optional.empty();
        private Optional<IpAddress> via = Optional.empty();
        private final List<IpAddress> alternates = new ArrayList<>();
        private Optional<String> device = Optional.empty();
        private Optional<String> scope = Optional.empty();
        private Optional<String> table = Optional.empty();
        private Optional<Long> metric = Optional.empty();
        private Optional<String> protocol = Optional.empty();
        private boolean onlink;
        private boolean noTrack;
        private final Map<String, String> other = new LinkedHashMap<>();

        RouteLine(BindContext context) {
            this.context = context;
        }

        /** Consumes the word at {@code i} (and its value); returns the last index used, or -1 to drop the route. */
        int accept(List<Word> words, int i) {
            Word word = words.get(i);
            String w = word.text();
            if (i == 0 && ROUTE_TYPES.contains(w)) {
                type = w;
                return i;
            }
            switch (w) {
                case "onlink" -> onlink = true;
                case "no_track" -> noTrack = true;
                case "to" -> { }
                case "nexthop" -> {
                    other.put("nexthop", String.join(" ", words.subList(i + 1, words.size()).stream()
                            .map(Word::text).toList()));
                    return words.size();
                }
                default -> {
                    if (!OPTIONS.contains(w) && !ROUTE_VALUE_OPTIONS.contains(w)) {
                        return destination(word) ? i : -1;
                    }
                    if (i + 1 >= words.size()) {
                        context.error(word, "no value for '" + w + "' in route; ignoring this route");
                        return -1;
                    }
                    return option(words, i);
                }
            }
            return i;
        }

        private boolean destination(Word word) {
            if (destination != null) {
                context.error(word, "unexpected '" + word.text() + "' in route; ignoring this route");
                return false;
            }
            Optional<IpPrefix> dest = RouteEntries.destination(word, context);
            dest.ifPresent(d -> destination = d);
            return dest.isPresent();
        }

        /** An option with a value at {@code i + 1}; returns the index of the last word used. */
        private int option(List<Word> words, int i) {
            Word word = words.get(i);
            int v = i + 1;
            Word value = words.get(v);
            switch (word.text()) {
                case "src" -> source = Values.address("route src", value, context);
                case "via", "gw" -> {
                    if (word.text().equals("gw")) {
                        context.warning(word, "'gw' in routes is deprecated; use 'via'");
                    }
                    if ((value.text().equals("inet") || value.text().equals("inet6")) && v + 1 < words.size()) {
                        value = words.get(++v);
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
                    if (value.text().equals("lock") && v + 1 < words.size()) {
                        other.put(word.text(), "lock " + words.get(++v).text());
                    } else {
                        other.put(word.text(), value.text());
                    }
                }
            }
            return v;
        }

        Optional<IpRoute> build(ConfNode line) {
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
        RuleLine rule = new RuleLine(context);
        for (int i = 0; i < words.size(); i++) {
            i = rule.accept(words, i);
            if (i < 0) {
                return Optional.empty();
            }
        }
        return rule.build(line);
    }

    /** Accumulates one rule line, word by word. */
    private static final class RuleLine {
        private final BindContext context;
        private Optional<IpPrefix> from = Optional.empty();
        private Optional<IpPrefix> to = Optional.empty();
        private Optional<String> table = Optional.empty();
        private Optional<Long> priority = Optional.empty();
        private Optional<String> fwmark = Optional.empty();
        private Optional<String> iif = Optional.empty();
        private Optional<String> oif = Optional.empty();
        private boolean noTrack;
        private final Map<String, String> other = new LinkedHashMap<>();

        RuleLine(BindContext context) {
            this.context = context;
        }

        /** Consumes the word at {@code i} (and its value); returns the last index used, or -1 to drop the rule. */
        int accept(List<Word> words, int i) {
            Word word = words.get(i);
            String w = word.text();
            if (w.equals("no_track")) {
                noTrack = true;
                return i;
            }
            if (w.equals("not") || ROUTE_TYPES.contains(w)) {
                other.put(w, "");
                return i;
            }
            if (i + 1 >= words.size()) {
                context.error(word, "no value for '" + w + "' in rule; ignoring this rule");
                return -1;
            }
            Word value = words.get(i + 1);
            switch (w) {
                case "from", "to" -> {
                    if (!value.text().equals("all")) {
                        Optional<IpPrefix> prefix = Values.prefix("rule " + w, value, context);
                        if (prefix.isEmpty()) {
                            return -1;
                        }
                        if (w.equals("from")) {
                            from = prefix;
                        } else {
                            to = prefix;
                        }
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
                        return -1;
                    }
                    other.put(w, value.text());
                }
            }
            return i + 1;
        }

        Optional<IpRule> build(ConfNode line) {
            if (from.isPresent() && to.isPresent() && from.get().family() != to.get().family()) {
                context.error(line.keyword(), "cannot mix IPv4 and IPv6 addresses in a rule; ignoring it");
                return Optional.empty();
            }
            return Optional.of(new IpRule(from, to, table, priority, fwmark, iif, oif, noTrack, other));
        }
    }

    private static List<Word> words(ConfNode line) {
        List<Word> words = new ArrayList<>();
        words.add(line.keyword());
        words.addAll(line.arguments());
        return words;
    }
}
