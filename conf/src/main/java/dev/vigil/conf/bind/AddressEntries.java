package dev.vigil.conf.bind;

import dev.vigil.conf.model.AddressFamily;
import dev.vigil.conf.model.IpAddress;
import dev.vigil.conf.model.IpPrefix;
import dev.vigil.conf.model.VirtualIpAddress;
import dev.vigil.conf.tree.ConfNode;
import dev.vigil.conf.tree.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Parses the address lines of {@code virtual_ipaddress}, {@code virtual_ipaddress_excluded}
 * and {@code static_ipaddress} ({@code ip address add} syntax, as {@code vrrp_ipaddress.c} reads it).
 */
final class AddressEntries {

    /** IFNAMSIZ - 1: the longest interface name or address label Linux accepts. */
    static final int MAX_IFNAME = 15;
    private static final Set<String> SCOPES = Set.of("host", "link", "global", "site", "nowhere");

    private AddressEntries() {
    }

    /** One VIP line; empty (after an error) when the address itself is bad. */
    static Optional<VirtualIpAddress> vip(ConfNode line, BindContext context, boolean isStatic) {
        List<Word> words = new ArrayList<>();
        words.add(line.keyword());
        words.addAll(line.arguments());
        Optional<IpPrefix> address = leadingPrefix(words.getFirst(), context);
        if (address.isEmpty()) {
            return Optional.empty();
        }
        VipOptions options = new VipOptions(address.get());
        for (int i = 1; i < words.size(); i++) {
            i = options.apply(words, i, context, isStatic);
            if (i < 0) {
                return Optional.empty();
            }
        }
        if (line.hasBlock()) {
            context.error(line.keyword(), "an address line cannot open a block; ignoring the block");
        }
        if (isStatic && options.device.isEmpty()) {
            context.fatal(line.keyword(), "static address " + address.get() + " needs 'dev IF'");
            return Optional.empty();
        }
        return Optional.of(options.build());
    }

    /** {@code ADDRESS[/LEN]}; a bad prefix length falls back to a host prefix, as keepalived does. */
    private static Optional<IpPrefix> leadingPrefix(Word word, BindContext context) {
        String text = word.text();
        int slash = text.indexOf('/');
        Optional<IpAddress> address = IpAddress.parse(slash < 0 ? text : text.substring(0, slash));
        if (address.isEmpty()) {
            context.error(word, "'" + text + "' is not a valid IP address; ignoring this address");
            return Optional.empty();
        }
        if (slash < 0) {
            return Optional.of(IpPrefix.host(address.get()));
        }
        Optional<IpPrefix> prefix = IpPrefix.parse(text);
        if (prefix.isEmpty()) {
            context.error(word, "invalid prefix length '" + text.substring(slash + 1) + "' for " + address.get()
                    + "; using /" + address.get().bits());
            return Optional.of(IpPrefix.host(address.get()));
        }
        return prefix;
    }

    /** Accumulates the options after the address. */
    private static final class VipOptions {
        private final IpPrefix address;
        private Optional<String> broadcast = Optional.empty();
        private Optional<String> device = Optional.empty();
        private Optional<String> scope = Optional.empty();
        private Optional<String> label = Optional.empty();
        private Optional<IpPrefix> peer = Optional.empty();
        private boolean home;
        private boolean noDad;
        private boolean mngTmpAddr;
        private boolean noPrefixRoute;
        private boolean autoJoin;
        private boolean noTrack;
        private Optional<Long> preferredLifetime = Optional.empty();

        VipOptions(IpPrefix address) {
            this.address = address;
        }

        /** Applies the option at {@code i}; returns the index of its last word, or -1 to drop the address. */
        int apply(List<Word> words, int i, BindContext context, boolean isStatic) {
            Word option = words.get(i);
            switch (option.text()) {
                case "home" -> home = true;
                case "-nodad" -> noDad = true;
                case "mngtmpaddr" -> mngTmpAddr = true;
                case "noprefixroute" -> noPrefixRoute = true;
                case "autojoin" -> autoJoin = true;
                case "no_track" -> noTrack = true;
                case "use_vmac" -> context.warning(option, "per-address use_vmac is not supported by Vigil; ignoring it");
                default -> {
                    if (i + 1 >= words.size()) {
                        context.error(option, "no value for '" + option.text() + "' of " + address + "; ignoring it");
                        return i;
                    }
                    return valued(option, words.get(i + 1), context, isStatic) ? i + 1 : -1;
                }
            }
            return i;
        }

        private boolean valued(Word option, Word value, BindContext context, boolean isStatic) {
            String text = value.text();
            switch (option.text()) {
                case "dev" -> device = Optional.of(text);
                case "scope" -> scope(value, context);
                case "brd", "broadcast" -> broadcast(value, context);
                case "label" -> {
                    if (text.length() > MAX_IFNAME) {
                        context.error(value, "address label '" + text + "' is longer than " + MAX_IFNAME
                                + " characters; ignoring this address");
                        return false;
                    }
                    if (address.family() == AddressFamily.INET6) {
                        context.error(value, "IPv6 addresses cannot have a label; ignoring the label");
                    } else {
                        label = Optional.of(text);
                    }
                }
                case "peer" -> peer = Values.prefix("peer", value, context);
                case "preferred_lft" -> {
                    if (!text.equals("forever")) {
                        OptionalLong lifetime = Values.number("preferred_lft", value, context, 0, 0xffffffffL,
                                OptionalLong.empty());
                        preferredLifetime = lifetime.isPresent() ? Optional.of(lifetime.getAsLong()) : Optional.empty();
                    }
                }
                case "track_group" -> {
                    if (!isStatic) {
                        context.error(option, "track_group is only valid for static addresses; ignoring it");
                    }
                }
                default -> context.error(option, "unknown option '" + option.text() + "' for address " + address
                        + "; ignoring it");
            }
            return true;
        }

        private void scope(Word value, BindContext context) {
            if (SCOPES.contains(value.text()) || Values.parseUnsigned(value.text()).isPresent()) {
                if (address.family() == AddressFamily.INET6) {
                    context.error(value, "IPv6 addresses cannot have a scope; ignoring the scope");
                } else {
                    scope = Optional.of(value.text());
                }
            } else {
                context.error(value, "invalid scope '" + value.text() + "'; ignoring it");
            }
        }

        private void broadcast(Word value, BindContext context) {
            if (address.family() == AddressFamily.INET6) {
                context.error(value, "IPv6 addresses have no broadcast address; ignoring it");
            } else if (value.text().equals("+") || value.text().equals("-")) {
                broadcast = Optional.of(value.text());
            } else {
                broadcast = Values.address("broadcast", value, context).map(IpAddress::toString);
            }
        }

        VirtualIpAddress build() {
            return new VirtualIpAddress(address, broadcast, device, scope, label, peer, home, noDad, mngTmpAddr,
                    noPrefixRoute, autoJoin, noTrack, preferredLifetime);
        }
    }
}
