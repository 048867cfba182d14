package dev.vigil.vrrp.sync;

import dev.vigil.vrrp.fsm.Effect;
import dev.vigil.vrrp.fsm.GroupOrder;
import dev.vigil.vrrp.fsm.Input;
import dev.vigil.vrrp.fsm.InstanceStateMachine;
import dev.vigil.vrrp.fsm.MasterGate;
import dev.vigil.vrrp.fsm.VrrpState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@code vrrp_sync_group}: its member instances move together (keepalived vrrp_sync.c,
 * reference §1.1 "Sync groups"). Every input for a member goes through
 * {@link #handle(String, Input, long)}, which runs the member's state machine and then applies
 * the group rules, returning every member's effects tagged with the member:
 *
 * <ul>
 *   <li>FAULT: when any member enters FAULT, every member is put in FAULT (masters resign with
 *       a priority-0 advert) and held there. The group leaves FAULT only when no member's own
 *       link or trackers fault any more; then every member returns to BACKUP with a fresh
 *       down timer (keepalived counts {@code num_member_fault}).</li>
 *   <li>MASTER: a member may become master on its own only if the group is already MASTER or
 *       every other member also wants to be (its down timer expired too); otherwise it stays
 *       BACKUP wanting MASTER and re-arms its timer (vrrp_sync_can_goto_master). When a member
 *       becomes master, the others follow at once (vrrp_sync_master).</li>
 *   <li>BACKUP: when a master member falls back to BACKUP, the other masters follow without a
 *       priority-0 advert (vrrp_sync_backup).</li>
 *   <li>A master member that hears a lower-priority advert makes the other masters send their
 *       lower-priority gratuitous ARPs too.</li>
 * </ul>
 *
 * <p>The group's state starts INIT and is reported with {@link GroupEffect.GroupStateChanged}
 * when it first becomes known (the first member's startup) and on every change. A group whose
 * members are all owners configured {@code state MASTER} may start as master at once.
 *
 * <p>Not thread-safe: the VRRP event loop owns it, like its members.
 */
public final class SyncGroup {

    private final String name;
    private final Map<String, InstanceStateMachine> members;
    private final boolean allOwnersStartingMaster;
    private VrrpState state = VrrpState.INIT;

    /** @param members member id (instance name) → its state machine, in configuration order; at least one */
    public SyncGroup(String name, Map<String, InstanceStateMachine> members) {
        this.name = Objects.requireNonNull(name, "name");
        if (members.isEmpty()) {
            throw new IllegalArgumentException("sync group " + name + " has no members");
        }
        this.members = new LinkedHashMap<>(members);
        this.allOwnersStartingMaster = members.values().stream()
                .allMatch(m -> m.settings().owner() && m.settings().startAsMaster());
    }

    public String name() {
        return name;
    }

    public VrrpState state() {
        return state;
    }

    public InstanceStateMachine member(String member) {
        InstanceStateMachine fsm = members.get(member);
        if (fsm == null) {
            throw new IllegalArgumentException("no member " + member + " in sync group " + name);
        }
        return fsm;
    }

    /** Member ids in configuration order. */
    public List<String> memberIds() {
        return List.copyOf(members.keySet());
    }

    /** Runs {@code input} on {@code member}, then the group rules. */
    public List<GroupEffect> handle(String member, Input input, long nowNanos) {
        InstanceStateMachine fsm = member(member);
        VrrpState before = fsm.state();
        List<GroupEffect> out = new ArrayList<>();
        List<Effect> effects = fsm.handle(input, nowNanos, gateFor(member));
        tag(member, effects, out);
        VrrpState after = fsm.state();
        if (after == VrrpState.FAULT && before != VrrpState.FAULT) {
            syncFault(nowNanos, out);
        } else if (after == VrrpState.MASTER && before != VrrpState.MASTER) {
            syncMaster(member, nowNanos, out);
        } else if (after == VrrpState.BACKUP && before == VrrpState.MASTER) {
            syncBackup(member, nowNanos, out);
        } else if (after == VrrpState.BACKUP && state == VrrpState.INIT) {
            changeState(VrrpState.BACKUP, out);
        }
        if (effects.stream().anyMatch(e -> e instanceof Effect.MasterReceivedLowerPriority)) {
            orderOthers(member, GroupOrder.LOWER_PRIORITY_GARP, nowNanos, out);
        }
        releaseFaultIfClear(nowNanos, out);
        return List.copyOf(out);
    }

    /**
     * Brings a group that a reload built over instances already running in line with them
     * (keepalived vrrp_complete_init on reload: a group whose members are all MASTER is MASTER).
     * A member in FAULT puts every member in FAULT; else a MASTER member makes the BACKUP ones
     * follow it (vrrp_sync_master), so the group never stays split; else the group is BACKUP.
     * Members still in INIT (added by the same reload) are left to their startup, which the
     * group rules then handle as usual.
     */
    public List<GroupEffect> settle(long nowNanos) {
        List<GroupEffect> out = new ArrayList<>();
        List<Map.Entry<String, InstanceStateMachine>> running = members.entrySet().stream()
                .filter(e -> e.getValue().state() != VrrpState.INIT && e.getValue().state() != VrrpState.STOPPED)
                .toList();
        if (running.isEmpty()) {
            return List.of();
        }
        if (running.stream().anyMatch(e -> e.getValue().state() == VrrpState.FAULT)) {
            syncFault(nowNanos, out);
            releaseFaultIfClear(nowNanos, out);
            return List.copyOf(out);
        }
        running.stream().filter(e -> e.getValue().state() == VrrpState.MASTER).findFirst()
                .ifPresentOrElse(master -> syncMaster(master.getKey(), nowNanos, out),
                        () -> changeState(VrrpState.BACKUP, out));
        return List.copyOf(out);
    }

    private MasterGate gateFor(String member) {
        return candidate -> state == VrrpState.MASTER
                || (state == VrrpState.INIT && allOwnersStartingMaster)
                || members.entrySet().stream()
                        .filter(e -> !e.getKey().equals(member))
                        .allMatch(e -> e.getValue().wantsMaster());
    }

    /** vrrp_sync_fault; every member is held, the one that failed included. */
    private void syncFault(long now, List<GroupEffect> out) {
        for (Map.Entry<String, InstanceStateMachine> e : members.entrySet()) {
            tag(e.getKey(), e.getValue().follow(GroupOrder.GO_FAULT, now), out);
        }
        changeState(VrrpState.FAULT, out);
    }

    private void syncMaster(String member, long now, List<GroupEffect> out) {
        orderOthers(member, GroupOrder.GO_MASTER, now, out);
        changeState(VrrpState.MASTER, out);
    }

    private void syncBackup(String member, long now, List<GroupEffect> out) {
        orderOthers(member, GroupOrder.GO_BACKUP, now, out);
        changeState(VrrpState.BACKUP, out);
    }

    /** keepalived try_up_instance with num_member_fault back at 0: the group comes up as BACKUP. */
    private void releaseFaultIfClear(long now, List<GroupEffect> out) {
        if (state != VrrpState.FAULT || members.values().stream().anyMatch(InstanceStateMachine::ownFault)) {
            return;
        }
        for (Map.Entry<String, InstanceStateMachine> e : members.entrySet()) {
            tag(e.getKey(), e.getValue().follow(GroupOrder.GO_BACKUP, now), out);
        }
        changeState(VrrpState.BACKUP, out);
    }

    private void orderOthers(String member, GroupOrder order, long now, List<GroupEffect> out) {
        for (Map.Entry<String, InstanceStateMachine> e : members.entrySet()) {
            if (!e.getKey().equals(member)) {
                tag(e.getKey(), e.getValue().follow(order, now), out);
            }
        }
    }

    private void changeState(VrrpState to, List<GroupEffect> out) {
        if (state != to) {
            out.add(new GroupEffect.GroupStateChanged(name, state, to));
            state = to;
        }
    }

    private static void tag(String member, List<Effect> effects, List<GroupEffect> out) {
        for (Effect e : effects) {
            out.add(new GroupEffect.Member(member, e));
        }
    }
}
