package dev.vigil.vrrp.runtime;

import dev.vigil.linux.rtnetlink.RoutingRule;
import dev.vigil.vrrp.codec.AddressFamily;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a reload changes in a set of VRRP instances, worked out as keepalived does at reload
 * ({@code vrrp_exist()} and {@code clear_diff_vrrp()}, reference §1.8): an old instance is the
 * same instance as a new one when they share the {@link Identity} — VRID, address family,
 * interface, unicast or multicast, and for unicast the {@code unicast_src_ip} — whatever their
 * names and other settings. A kept instance keeps its state, timers and counters; only its
 * addresses (VIPs and excluded VIPs), routes and rules are diffed ({@link Kept#vipsAdded()},
 * {@link Kept#routesAdded()}, ...) and its other settings replaced ({@link Kept#changes()}
 * names them). Old instances without a match are
 * removed, new ones without a match are added.
 *
 * <p>Matching is one to one, in configuration order: first every old instance takes the new
 * one with its identity and its name, then the others take the first unmatched new one with
 * their identity (keepalived takes the first match and can pair two old instances with one new
 * one; Vigil never does). Multicast
 * instances always use the IANA group here, so keepalived's multicast-address and VMAC tests
 * have nothing to compare. A VIP is the same VIP when address, prefix, label and device all
 * agree; a changed prefix or device removes the old entry and adds the new one. Pure.
 *
 * @param kept    matched pairs, in the new configuration's order
 * @param removed old instances with no match, in the old order
 * @param added   new instances with no match, in the new order
 */
public record InstanceDiff(List<Kept> kept, List<VrrpInstanceSettings> removed, List<VrrpInstanceSettings> added) {

    public InstanceDiff {
        kept = List.copyOf(kept);
        removed = List.copyOf(removed);
        added = List.copyOf(added);
    }

    /**
     * keepalived's identity of an instance across a reload.
     *
     * @param unicastSource the configured {@code unicast_src_ip}; empty for multicast, or for
     *                      unicast without one (keepalived then compares the interface's
     *                      address, which is the same for the same interface)
     * @param multicastGroup the destination group of a multicast instance; empty for unicast
     * @param virtualMac     {@code use_vmac}: another VMAC is another instance (keepalived compares
     *                       the multicast destination and the VMAC settings, vrrp.c)
     */
    public record Identity(int vrid, AddressFamily family, String interfaceName, boolean unicast,
                           Optional<InetAddress> unicastSource, Optional<InetAddress> multicastGroup,
                           Optional<VirtualMac> virtualMac) {

        public Identity {
            Objects.requireNonNull(family, "family");
            Objects.requireNonNull(interfaceName, "interfaceName");
            Objects.requireNonNull(unicastSource, "unicastSource");
            Objects.requireNonNull(multicastGroup, "multicastGroup");
            Objects.requireNonNull(virtualMac, "virtualMac");
        }

        public static Identity of(VrrpInstanceSettings s) {
            return new Identity(s.vrid(), s.family(), s.interfaceName(), s.unicast(),
                    s.unicast() ? s.unicastSource() : Optional.empty(),
                    s.unicast() ? Optional.empty() : Optional.of(s.multicastDestination()), s.virtualMac());
        }
    }

    /**
     * One instance that survives the reload.
     *
     * @param before        its settings until now
     * @param after         its settings from now on
     * @param vipsAdded     addresses (VIPs and excluded VIPs) in {@code after} but not in {@code before}, in
     *                      {@code after}'s order
     * @param vipsRemoved   addresses in {@code before} but not in {@code after}, in {@code before}'s order
     * @param changes       the keywords whose value changed besides the addresses, routes and rules
     *                      (empty: only those, or nothing)
     * @param routesAdded   {@code virtual_routes} entries new in {@code after}
     * @param routesRemoved {@code virtual_routes} entries gone from {@code after}
     * @param rulesAdded    {@code virtual_rules} entries new in {@code after}
     * @param rulesRemoved  {@code virtual_rules} entries gone from {@code after}
     */
    public record Kept(VrrpInstanceSettings before, VrrpInstanceSettings after, List<VirtualAddress> vipsAdded,
                       List<VirtualAddress> vipsRemoved, List<String> changes, List<VirtualRoute> routesAdded,
                       List<VirtualRoute> routesRemoved, List<RoutingRule> rulesAdded,
                       List<RoutingRule> rulesRemoved) {

        public Kept {
            Objects.requireNonNull(before, "before");
            Objects.requireNonNull(after, "after");
            vipsAdded = List.copyOf(vipsAdded);
            vipsRemoved = List.copyOf(vipsRemoved);
            changes = List.copyOf(changes);
            routesAdded = List.copyOf(routesAdded);
            routesRemoved = List.copyOf(routesRemoved);
            rulesAdded = List.copyOf(rulesAdded);
            rulesRemoved = List.copyOf(rulesRemoved);
        }

        /** A pair whose routes and rules did not change. */
        public Kept(VrrpInstanceSettings before, VrrpInstanceSettings after, List<VirtualAddress> vipsAdded,
                    List<VirtualAddress> vipsRemoved, List<String> changes) {
            this(before, after, vipsAdded, vipsRemoved, changes, List.of(), List.of(), List.of(), List.of());
        }

        /** Whether anything at all differs. */
        public boolean changed() {
            return !before.equals(after);
        }
    }

    /** The diff that turns {@code before} into {@code after}. */
    public static InstanceDiff of(List<VrrpInstanceSettings> before, List<VrrpInstanceSettings> after) {
        List<VrrpInstanceSettings> unmatched = new ArrayList<>(after);
        List<VrrpInstanceSettings> leftOver = new ArrayList<>();
        List<Kept> pairs = new ArrayList<>();
        for (VrrpInstanceSettings old : before) {
            Optional<VrrpInstanceSettings> match = match(old, unmatched, true);
            match.ifPresentOrElse(m -> {
                unmatched.remove(m);
                pairs.add(kept(old, m));
            }, () -> leftOver.add(old));
        }
        List<VrrpInstanceSettings> removed = new ArrayList<>();
        for (VrrpInstanceSettings old : leftOver) {
            Optional<VrrpInstanceSettings> match = match(old, unmatched, false);
            match.ifPresentOrElse(m -> {
                unmatched.remove(m);
                pairs.add(kept(old, m));
            }, () -> removed.add(old));
        }
        List<Kept> kept = new ArrayList<>();
        for (VrrpInstanceSettings next : after) {
            pairs.stream().filter(k -> k.after() == next).findFirst().ifPresent(kept::add);
        }
        List<VrrpInstanceSettings> removedInOrder = before.stream().filter(removed::contains).toList();
        return new InstanceDiff(kept, removedInOrder, unmatched);
    }

    /** The first candidate with {@code old}'s identity (and, when asked, its name). */
    static Optional<VrrpInstanceSettings> match(VrrpInstanceSettings old, List<VrrpInstanceSettings> candidates,
                                                boolean sameName) {
        Identity identity = Identity.of(old);
        return candidates.stream().filter(c -> Identity.of(c).equals(identity))
                .filter(c -> !sameName || c.name().equals(old.name())).findFirst();
    }

    static Kept kept(VrrpInstanceSettings before, VrrpInstanceSettings after) {
        InstanceRouting a = before.routing();
        InstanceRouting b = after.routing();
        return new Kept(before, after, minus(after.addresses(), before.addresses()),
                minus(before.addresses(), after.addresses()), changes(before, after),
                minus(b.routes(), a.routes()), minus(a.routes(), b.routes()),
                minus(b.rules(), a.rules()), minus(a.rules(), b.rules()));
    }

    /** Entries of {@code from} not in {@code taken}, in {@code from}'s order. */
    static <T> List<T> minus(List<T> from, List<T> taken) {
        Set<T> out = new LinkedHashSet<>(from);
        taken.forEach(out::remove);
        return List.copyOf(out);
    }

    /** The keywords (keepalived's names) whose values differ, VIPs aside. */
    static List<String> changes(VrrpInstanceSettings a, VrrpInstanceSettings b) {
        List<String> out = new ArrayList<>();
        addIf(out, !a.name().equals(b.name()), "name");
        addIf(out, a.version() != b.version(), "version");
        addIf(out, a.priority() != b.priority(), "priority");
        addIf(out, a.advertIntervalCentis() != b.advertIntervalCentis(), "advert_int");
        addIf(out, a.authType() != b.authType() || !a.password().equals(b.password()), "authentication");
        addIf(out, !a.unicastPeers().equals(b.unicastPeers()), "unicast_peer");
        addIf(out, !a.multicastSource().equals(b.multicastSource()), "mcast_src_ip");
        addIf(out, a.startAsMaster() != b.startAsMaster(), "state");
        addIf(out, a.nopreempt() != b.nopreempt(), "nopreempt");
        addIf(out, !a.preemptDelay().equals(b.preemptDelay()), "preempt_delay");
        addIf(out, !a.garp().equals(b.garp()), "garp");
        addIf(out, !a.options().equals(b.options()), "options");
        addIf(out, !a.trackers().equals(b.trackers()), "trackers");
        return List.copyOf(out);
    }

    private static void addIf(List<String> out, boolean condition, String keyword) {
        if (condition) {
            out.add(keyword);
        }
    }

    /** Whether nothing changes at all. */
    public boolean isEmpty() {
        return removed.isEmpty() && added.isEmpty() && kept.stream().noneMatch(Kept::changed);
    }

    /** Routes and rules added to kept instances, counted over all of them. */
    public int routingAdded() {
        return kept.stream().mapToInt(k -> k.routesAdded().size() + k.rulesAdded().size()).sum();
    }

    /** Routes and rules removed from kept instances, counted over all of them. */
    public int routingRemoved() {
        return kept.stream().mapToInt(k -> k.routesRemoved().size() + k.rulesRemoved().size()).sum();
    }

    /** VIPs added to kept instances, counted over all of them. */
    public int vipsAdded() {
        return kept.stream().mapToInt(k -> k.vipsAdded().size()).sum();
    }

    /** VIPs removed from kept instances, counted over all of them. */
    public int vipsRemoved() {
        return kept.stream().mapToInt(k -> k.vipsRemoved().size()).sum();
    }
}
