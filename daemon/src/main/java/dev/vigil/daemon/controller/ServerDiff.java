package dev.vigil.daemon.controller;

import dev.vigil.ipvs.DestinationKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a reload changes among virtual and real servers, worked out as keepalived's checker
 * process does (check/ipwrapper.c {@code clear_diff_services()}, {@code vs_exist()},
 * {@code rs_exist()}; reference §1.8): a virtual server is the same when its
 * {@link VirtualServerPlan#id() id} is (service address, port and protocol, fwmark, or group
 * name); within it a real server is the same when its destination address and port are.
 *
 * <p>A kept real server whose checkers are unchanged (same names and settings) is
 * {@linkplain Kept#carried() carried}: its health, checkers and place in the table stay, and
 * only its other settings (weight, notify scripts, inhibit_on_failure, ...) are replaced.
 * One whose checkers changed is {@linkplain Kept#restarted() restarted}: as keepalived's
 * {@code migrate_checkers()}, its checkers that are unchanged (same name and settings) carry
 * their state over, and the changed and new ones start as at startup. Pure.
 *
 * @param kept    virtual servers in both, in the new order
 * @param removed old virtual servers without a match
 * @param added   new virtual servers without a match
 */
public record ServerDiff(List<Kept> kept, List<VirtualServerPlan> removed, List<VirtualServerPlan> added) {

    public ServerDiff {
        kept = List.copyOf(kept);
        removed = List.copyOf(removed);
        added = List.copyOf(added);
    }

    /**
     * One virtual server that survives the reload.
     *
     * @param carried   new real servers whose state is carried over, in the new order
     * @param restarted new real servers with an old namesake whose checkers changed
     * @param added     new real servers with no old namesake
     * @param removed   old real servers with no new namesake
     */
    public record Kept(VirtualServerPlan before, VirtualServerPlan after, List<RealServerPlan> carried,
                       List<RealServerPlan> restarted, List<RealServerPlan> added, List<RealServerPlan> removed) {
        public Kept {
            Objects.requireNonNull(before, "before");
            Objects.requireNonNull(after, "after");
            carried = List.copyOf(carried);
            restarted = List.copyOf(restarted);
            added = List.copyOf(added);
            removed = List.copyOf(removed);
        }

        /** Whether anything differs. */
        public boolean changed() {
            return !before.equals(after);
        }

        /** The old real server with the same destination as {@code next}, if any. */
        public Optional<RealServerPlan> previous(RealServerPlan next) {
            return before.realServers().stream().filter(rs -> key(rs).equals(key(next))).findFirst();
        }
    }

    /** The diff that turns {@code before} into {@code after}. */
    public static ServerDiff of(List<VirtualServerPlan> before, List<VirtualServerPlan> after) {
        List<VirtualServerPlan> unmatched = new ArrayList<>(after);
        List<VirtualServerPlan> removed = new ArrayList<>();
        Map<VirtualServerPlan, Kept> byAfter = new HashMap<>();
        for (VirtualServerPlan old : before) {
            Optional<VirtualServerPlan> match = unmatched.stream().filter(p -> p.id().equals(old.id())).findFirst();
            if (match.isEmpty()) {
                removed.add(old);
                continue;
            }
            unmatched.remove(match.get());
            byAfter.put(match.get(), kept(old, match.get()));
        }
        List<Kept> kept = after.stream().filter(byAfter::containsKey).map(byAfter::get).toList();
        return new ServerDiff(kept, removed, unmatched);
    }

    static Kept kept(VirtualServerPlan before, VirtualServerPlan after) {
        Map<DestinationKey, RealServerPlan> old = new HashMap<>();
        before.realServers().forEach(rs -> old.putIfAbsent(key(rs), rs));
        List<RealServerPlan> carried = new ArrayList<>();
        List<RealServerPlan> restarted = new ArrayList<>();
        List<RealServerPlan> added = new ArrayList<>();
        for (RealServerPlan rs : after.realServers()) {
            RealServerPlan previous = old.remove(key(rs));
            if (previous == null) {
                added.add(rs);
            } else if (previous.checkers().equals(rs.checkers())) {
                carried.add(rs);
            } else {
                restarted.add(rs);
            }
        }
        List<RealServerPlan> removed = before.realServers().stream().filter(old::containsValue).toList();
        return new Kept(before, after, carried, restarted, added, removed);
    }

    private static DestinationKey key(RealServerPlan rs) {
        return rs.destination().key();
    }

    /** Whether nothing changes at all. */
    public boolean isEmpty() {
        return removed.isEmpty() && added.isEmpty() && kept.stream().noneMatch(Kept::changed);
    }

    /** Real servers added to kept virtual servers. */
    public int realServersAdded() {
        return kept.stream().mapToInt(k -> k.added().size()).sum();
    }

    /** Real servers removed from kept virtual servers. */
    public int realServersRemoved() {
        return kept.stream().mapToInt(k -> k.removed().size()).sum();
    }

    /** Real servers of kept virtual servers whose checkers restarted. */
    public int realServersRestarted() {
        return kept.stream().mapToInt(k -> k.restarted().size()).sum();
    }
}
